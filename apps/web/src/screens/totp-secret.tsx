import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';

type Enrolment = components['schemas']['TotpEnrolment'];

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

/**
 * A new TOTP secret, asked of the server once as the screen opens (`POST /auth/totp/enroll`); the
 * failure is kept as the error, so its words follow a switch of language.
 */
export function useTotpEnrolment(): { enrolment?: Enrolment; loadFailure?: unknown } {
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [loadFailure, setLoadFailure] = useState<unknown>();
  useEffect(() => {
    answered(api.POST('/api/v1/auth/totp/enroll')).then(setEnrolment, setLoadFailure);
  }, []);
  return { enrolment, loadFailure };
}

/** The secret to put in her authenticator: a QR code, and the key grouped by four to type in. */
export function TotpSecret({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void drawQr(canvas.current, enrolment.otpauthUrl);
  }, [enrolment]);
  return (
    <>
      <canvas ref={canvas} class="qr" role="img" aria-label={t('qrCodeLabel')} />
      <p class="secret-label" id="secret-label">
        {t('secretLabel')}
      </p>
      <p class="secret" aria-labelledby="secret-label" data-secret={enrolment.secret}>
        {grouped(enrolment.secret)}
      </p>
    </>
  );
}
