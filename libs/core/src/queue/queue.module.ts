import { Global, Module } from '@nestjs/common';
import { EvictionPolicyCheck } from './eviction-policy-check';
import { JobProducer } from './job-producer';

@Global()
@Module({ providers: [JobProducer, EvictionPolicyCheck], exports: [JobProducer] })
export class QueueModule {}
