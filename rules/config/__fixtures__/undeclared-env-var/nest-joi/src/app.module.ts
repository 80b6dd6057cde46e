import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import * as Joi from 'joi';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      validationSchema: Joi.object({
        DATABASE_URL: Joi.string().uri().required(),
        REDIS_URL: Joi.string().uri().required(),
        LOG_LEVEL: Joi.string().valid('debug', 'info', 'warn').default('info'),
        SENTRY_DSN: Joi.string().optional(),
        CACHE_TTL_SECONDS: Joi.number(),
        BILLING_API_URL: Joi.string().uri().default('http://localhost:4010'),
      }),
    }),
  ],
})
export class AppModule {}
