import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Provides the Clock everywhere; an application registers it once, with the system clock unless it replays a story. */
@Module({})
export class ClockModule {
  static register(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, global: true, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
