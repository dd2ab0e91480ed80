import { Inject, Injectable } from '@nestjs/common';
import { deriveBlindIndexKey, SURVIVOR_DUPLICATE_INDEX, survivorDuplicateIndex } from '@pendamping/auth/crypto';
import { APP_CONFIG, AppConfig } from '@pendamping/core';

/** The blind index of the duplicate check: a keyed, truncated hash of normalised name and birth year. */
@Injectable()
export class SurvivorDuplicates {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = deriveBlindIndexKey(Buffer.from(config.BLIND_INDEX_KEY, 'base64'), SURVIVOR_DUPLICATE_INDEX);
  }

  /** null when either part is missing or the name has no letters: such a case cannot be matched. */
  indexOf(name: string | null | undefined, birthYear: number | null | undefined): string | null {
    if (!name || !birthYear || !/[\p{L}\p{N}]/u.test(name)) return null;
    return survivorDuplicateIndex(this.key, name, birthYear);
  }
}
