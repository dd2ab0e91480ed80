import type { JusticePathwayEntry } from './case.entity';

/** A perpetrator as the API writes it (SPEC §9). */
export interface PerpetratorInput {
  relationship: string;
  sex?: string | null;
  ageGroup?: string | null;
  name?: string | null;
  phone?: string | null;
}

/**
 * The case as the API writes it, already validated (codes, formats, unknown keys): SPEC §9 names.
 * On update every key is optional and `null` clears a value.
 */
export interface CaseInput {
  regionId?: string;
  villageId?: string | null;
  groupId?: string | null;
  intakeDate?: string;
  incidentDate?: string | null;
  incidentDateApproximate?: boolean;
  placeType?: string | null;
  referralSource?: string | null;
  riskLevel?: string | null;
  violenceTypes?: string[];
  tpksForms?: string[];
  survivor?: {
    name?: string | null;
    alias?: string | null;
    phone?: string | null;
    address?: string | null;
    birthDate?: string | null;
    nik?: string | null;
    sex?: string;
    ageAtIntake?: number | null;
    ageEstimated?: boolean;
    disability?: string | null;
    maritalStatus?: string | null;
  };
  guardian?: { name?: string | null; phone?: string | null };
  perpetrators?: PerpetratorInput[];
  narrative?: string | null;
  safetyPlan?: string | null;
  medicalNotes?: string | null;
  safeContact?: {
    callSafe?: boolean | null;
    textSafe?: boolean | null;
    safeTimes?: string | null;
    intermediary?: string | null;
  };
  consent?: {
    record?: boolean;
    refer?: boolean;
    shareDeidentified?: boolean;
    givenBy?: string | null;
    givenAt?: string | null;
  };
  justicePathway?: JusticePathwayEntry[];
  assignedCompanionId?: string | null;
  coCompanionId?: string | null;
  restricted?: boolean;
  excludedUserIds?: string[];
}

export interface CreateCaseInput extends CaseInput {
  /** A client-chosen id (offline capture): creating it twice answers the existing case. */
  id?: string;
  intakeDate: string;
  violenceTypes: string[];
  survivor: NonNullable<CaseInput['survivor']> & { sex: string };
  consent: NonNullable<CaseInput['consent']> & { record: true };
}
