import * as admin from './catalogue/admin';
import * as capture from './catalogue/capture';
import * as casework from './catalogue/casework';
import * as coordinator from './catalogue/coordinator';
import * as core from './catalogue/core';
import * as intake from './catalogue/intake';
import * as offline from './catalogue/offline';
import * as outbox from './catalogue/outbox';
import * as phoneRecovery from './catalogue/phone-recovery';
import * as phoneWork from './catalogue/phone-work';
import * as phones from './catalogue/phones';
import * as reports from './catalogue/reports';
import * as session from './catalogue/session';
import * as workplans from './catalogue/workplans';

/**
 * Every string the client shows, in Bahasa Indonesia (the default) and English. A plain typed
 * object rather than a library: each area of screens keeps its strings in a file of its own under
 * `catalogue/`, typed so that a key missing in English fails the typecheck; `messages.spec.ts`
 * checks both languages at run time and that no two areas claim the same key.
 */
export const areas = {
  core,
  admin,
  capture,
  casework,
  coordinator,
  intake,
  offline,
  outbox,
  phoneRecovery,
  phoneWork,
  phones,
  reports,
  session,
  workplans,
} as const;

export const id = {
  ...core.id,
  ...admin.id,
  ...capture.id,
  ...casework.id,
  ...coordinator.id,
  ...intake.id,
  ...offline.id,
  ...outbox.id,
  ...phoneRecovery.id,
  ...phoneWork.id,
  ...phones.id,
  ...reports.id,
  ...session.id,
  ...workplans.id,
};
export type MessageKey = keyof typeof id;
export type Catalogue = Record<MessageKey, string>;
export const en: Catalogue = {
  ...core.en,
  ...admin.en,
  ...capture.en,
  ...casework.en,
  ...coordinator.en,
  ...intake.en,
  ...offline.en,
  ...outbox.en,
  ...phoneRecovery.en,
  ...phoneWork.en,
  ...phones.en,
  ...reports.en,
  ...session.en,
  ...workplans.en,
};

export const catalogues = { id, en } as const;
export type Language = keyof typeof catalogues;
