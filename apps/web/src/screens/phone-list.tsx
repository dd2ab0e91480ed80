import { useEffect, useRef, useState } from 'preact/hooks';
import type { components } from '../api/schema';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import { momentOf } from '../ui/labels';
import { RevokeStep } from './phone-revoke';

export type PhoneView = components['schemas']['DeviceView'];

/**
 * Phones as `GET /devices` answers them, for their owner or for an org_admin (with `ownerOf`,
 * naming each phone's companion): label, when it was registered, its last sync, its state, and
 * "revoke" where the phone's own `allowed.actions` holds it.
 */
export function PhoneList({
  phones,
  ownerOf,
  onRevoked,
}: {
  phones: PhoneView[];
  ownerOf?: (userId: string | undefined) => string;
  onRevoked(phone: PhoneView): void;
}) {
  return (
    <ul class="entries phones">
      {phones.map((phone) => (
        <PhoneEntry key={phone.id} phone={phone} owner={ownerOf?.(phone.userId)} onRevoked={onRevoked} />
      ))}
    </ul>
  );
}

function PhoneEntry({
  phone,
  owner,
  onRevoked,
}: {
  phone: PhoneView;
  owner: string | undefined;
  onRevoked(phone: PhoneView): void;
}) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);
  // Where the keyboard goes once the step closes: back to its button, or to the phone once revoked.
  const [focusAfter, setFocusAfter] = useState<'button' | 'title'>();
  const button = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusAfter) return;
    (focusAfter === 'button' ? button : title).current?.focus();
    setFocusAfter(undefined);
  }, [focusAfter]);
  const revocable = phone.status === 'active' && phone.allowed.actions.includes('revoke');
  const titleId = `phone-${idOf(phone)}`;
  return (
    <li data-phone={phone.id} data-status={phone.status}>
      <h2 id={titleId} ref={title} tabIndex={-1}>
        {phone.label}
      </h2>
      <dl class="facts">
        {owner !== undefined && (
          <>
            <dt>{t('phonesOwner')}</dt>
            <dd class="phone-owner">{owner}</dd>
          </>
        )}
        {phone.createdAt && (
          <>
            <dt>{t('phonesRegistered')}</dt>
            <dd>{momentOf(language, phone.createdAt)}</dd>
          </>
        )}
        <dt>{t('phonesLastSync')}</dt>
        <dd class="phone-last-sync">
          {phone.lastSyncAt ? momentOf(language, phone.lastSyncAt) : t('phonesNeverSynced')}
        </dd>
        <dt>{t('phonesState')}</dt>
        <dd class="phone-state">
          {phone.status === 'revoked'
            ? t('phonesRevokedOn', { at: phone.revokedAt ? momentOf(language, phone.revokedAt) : '' })
            : t('phonesActive')}
        </dd>
      </dl>
      {revocable &&
        (confirming ? (
          <RevokeStep
            phone={phone}
            onCancel={() => {
              setConfirming(false);
              setFocusAfter('button');
            }}
            onRevoked={(revoked) => {
              setConfirming(false);
              setFocusAfter('title');
              onRevoked(revoked);
            }}
          />
        ) : (
          <button type="button" ref={button} onClick={() => setConfirming(true)}>
            {t('phonesRevoke', { label: phone.label ?? '' })}
          </button>
        ))}
    </li>
  );
}
