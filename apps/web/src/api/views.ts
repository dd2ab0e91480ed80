/**
 * The response bodies this slice reads, as the API answers them today. They stand in until the
 * OpenAPI document describes every response, when the generated types replace them.
 */
export interface TokenAnswer {
  accessToken: string;
  mfa?: 'enrollment_required';
  passwordChange?: 'required';
}

export interface TotpVerifyAnswer extends TokenAnswer {
  recoveryCodes: string[];
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

export interface Profile {
  id: string;
  name: string;
  email: string;
  role: string;
  mfa: string;
  passwordChange?: 'required';
  /** An administrator reset her password or second factor; shown until she acknowledges it. */
  resetNotice?: ResetNotice;
}

export interface ResetNotice {
  kind: 'reset_password' | 'reset_totp';
  requestId: string;
  requestedBy: { id: string; name: string };
  /** Null when the deployment's operator approved. */
  approvedBy: { id: string; name: string } | null;
  at: string;
}

/** CASL's packRules form: [actions, subjects, conditions, inverted, fields, reason], lists joined by commas. */
export type PackedRule = [string, string, ...unknown[]];

export interface WorklistCase {
  id: string;
  caseNumber: string;
  status: string;
  riskLevel?: string | null;
  nextFollowUpDue?: string | null;
}

export interface Page<Item> {
  items: Item[];
  nextCursor?: string | null;
}

export interface CodeEntry {
  code: string;
  label: { id: string; en: string };
}

export type CodeLists = Record<string, CodeEntry[]>;

/** One entry of `GET /cases/:id/history`: a value only where the reader may read that field now. */
export interface CaseHistoryEntry {
  at: string;
  actorId: string;
  action: string;
  changes: { field: string; value?: unknown }[];
}
