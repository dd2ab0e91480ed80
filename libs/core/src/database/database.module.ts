import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseSchema, dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  /** `schema`: the entities of the libraries the app uses, composed by the app itself. */
  static register(config: AppConfig, schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.DATABASE_URL, schema, config.DATABASE_POOL_SIZE),
          retryAttempts: 3,
          retryDelay: 2_000,
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
