import { Controller, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('ops')
export class MaintenanceController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('schema')
  async schema() {
    await this.dataSource.runMigrations();
  }
}
