import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

@Injectable()
export class MailService {
  constructor(private readonly config: ConfigService) {}

  from(): string {
    return this.config.getOrThrow<string>('MAIL_FROM');
  }
}
