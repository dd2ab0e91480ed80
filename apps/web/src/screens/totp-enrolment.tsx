import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiProblem, answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { Heading } from '../ui/heading';
import { verifyTotp } from '../session/session';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Field } from '../ui/field';
import { useSubmit } from '../ui/use-submit';

const MODULE_PIXELS = 6;
const QUIET_ZONE = 4;

/** Draws the otpauth URL as a QR code on the canvas; the generator is loaded only for this screen. */
async function drawQr(canvas: HTMLCanvasElement, text: string): Promise<void> {
  const { default: qrcode } = await import('qrcode-generator');
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const modules = code.getModuleCount();
  const size = (modules + QUIET_ZONE * 2) * MODULE_PIXELS;
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size, size);
  context.fillStyle = '#000';
  for (let row = 0; row < modules; row++)
    for (let column = 0; column < modules; column++)
      if (code.isDark(row, column))
        context.fillRect(
          (column + QUIET_ZONE) * MODULE_PIXELS,
          (row + QUIET_ZONE) * MODULE_PIXELS,
          MODULE_PIXELS,
          MODULE_PIXELS,
        );
}

/** Groups the base32 secret by four so that it can be read aloud and typed without losing the place. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function TotpEnrolment() {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [enrolment, setEnrolment] = useState<components['schemas']['TotpEnrolment']>();
  const [loadFailure, setLoadFailure] = useState<string>();
  const [code, setCode] = useState('');

  useEffect(() => {
    answered(api.POST('/api/v1/auth/totp/enroll')).then(setEnrolment, (error: unknown) =>
      setLoadFailure(failureText(error, t)),
    );
  }, []);
  useEffect(() => {
    if (enrolment && canvas.current) void drawQr(canvas.current, enrolment.otpauthUrl);
  }, [enrolment]);

  const { busy, failure, onSubmit } = useSubmit(
    () => verifyTotp(code.replace(/\s/g, '')),
    (error) => (error instanceof ApiProblem && error.status < 500 ? t('invalidCode') : failureText(error, t)),
  );

  return (
    <main id="main" class="narrow">
      <Heading>{t('enrolTitle')}</Heading>
      <p>{t('enrolHelp')}</p>
      <Alert text={loadFailure} />
      {enrolment ? (
        <>
          <canvas ref={canvas} class="qr" role="img" aria-label={t('qrCodeLabel')} />
          <p class="secret-label" id="secret-label">
            {t('secretLabel')}
          </p>
          <p class="secret" aria-labelledby="secret-label" data-secret={enrolment.secret}>
            {grouped(enrolment.secret)}
          </p>
          <form onSubmit={onSubmit} noValidate>
            <Field
              label={t('totpCode')}
              name="code"
              inputMode="numeric"
              autocomplete="one-time-code"
              required
              value={code}
              onValue={setCode}
            />
            <Alert text={failure} />
            <button type="submit" class="primary" disabled={busy}>
              {t('verifyCode')}
            </button>
          </form>
        </>
      ) : (
        !loadFailure && <p aria-live="polite">{t('loading')}</p>
      )}
    </main>
  );
}
