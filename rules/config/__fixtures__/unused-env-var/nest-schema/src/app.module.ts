import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import Joi from 'joi';

@Module({
  imports: [
    ConfigModule.forRoot({
      validationSchema: Joi.object({
        DATABASE_URL: Joi.string().required(),
        MAIL_FROM: Joi.string().email().default('noreply@example.com'),
      }),
    }),
  ],
})
export class AppModule {}
