import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@pendamping/auth';

/* What sign-in, the second factor and the account answer. */

export class SessionTokens {
  @ApiProperty({ type: String, description: 'A short-lived bearer token; held in memory only.' }) accessToken!: string;
  @ApiPropertyOptional({
    type: String,
    description: 'Absent with X-Session-Transport: cookie, where it travels in the HttpOnly cookie instead.',
  })
  refreshToken?: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description:
      "The session's absolute end: the original sign-in plus the absolute lifetime of the user's current role. A phone's offline window closes then.",
  })
  sessionEndsAt!: string;
  @ApiPropertyOptional({
    type: String,
    enum: ['enrollment_required'],
    description: 'The session may only enrol a second factor until it does.',
  })
  mfa?: 'enrollment_required';
  @ApiPropertyOptional({
    type: String,
    enum: ['required'],
    description: 'The password is temporary: the session may only change it.',
  })
  passwordChange?: 'required';
}

export class TotpEnrolment {
  @ApiProperty({ type: String, description: 'The base32 secret, for typing into an authenticator app.' })
  secret!: string;
  @ApiProperty({ type: String, description: 'The otpauth:// URI, for a QR code.' }) otpauthUrl!: string;
}

export class TotpVerified extends SessionTokens {
  @ApiProperty({ type: [String], description: 'Single-use recovery codes, shown this once.' }) recoveryCodes!: string[];
}

class PersonRef {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

/** Why the password or second factor is new: who asked, who approved (null: the deployment's operator). */
class ResetNoticeView {
  @ApiProperty({ type: String, enum: ['reset_password', 'reset_totp'] }) kind!: string;
  @ApiProperty({ type: String, format: 'uuid' }) requestId!: string;
  @ApiProperty({ type: PersonRef }) requestedBy!: PersonRef;
  @ApiProperty({ type: PersonRef, nullable: true }) approvedBy!: PersonRef | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class ProfileView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, enum: ROLES }) role!: string;
  @ApiProperty({ type: [String], description: 'The community groups a companion belongs to.' }) groupIds!: string[];
  @ApiProperty({ type: [String], description: 'The regions a coordinator coordinates.' }) regionIds!: string[];
  @ApiProperty({ type: String, enum: ['complete', 'enrollment_required'] }) mfa!: string;
  @ApiProperty({ type: Boolean }) mfaEnrolled!: boolean;
  @ApiPropertyOptional({ type: String, enum: ['required'] }) passwordChange?: 'required';
  @ApiPropertyOptional({ type: ResetNoticeView, description: 'Until acknowledged, after an administrator reset.' })
  resetNotice?: ResetNoticeView;
}

/** One rule in CASL's packRules form: [actions, subjects, conditions, inverted, fields, reason], lists joined by commas. */
const PACKED_RULE_ENTRY = {
  oneOf: [
    { type: 'string' },
    { type: 'integer', description: '0 where an entry is empty; 1 for an inverted rule.' },
    { type: 'object', additionalProperties: true, description: 'The MongoDB-style conditions.' },
  ],
};

export class PackedAbilities {
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: PACKED_RULE_ENTRY },
    description: 'For navigation only: each record carries its own allowed.',
  })
  rules!: unknown[][];
}
