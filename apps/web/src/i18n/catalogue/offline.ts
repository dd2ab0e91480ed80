/** The strings of setting up a phone for offline capture and of its PIN lock (SPEC §12). */
export const id = {
  setupTitle: 'Gunakan ponsel ini tanpa sinyal',
  setupHelp:
    'Siapkan ponsel ini untuk mencatat kasus dan tindak lanjut tanpa sinyal. Setelah itu aplikasi di ponsel ini dibuka dengan PIN yang Anda pilih. Siapkan hanya di ponsel milik Anda sendiri.',
  setupLabel: 'Nama ponsel ini',
  setupLabelHint: 'Tampil di daftar ponsel Anda, misalnya "HP saya". Jangan pakai nama orang lain.',
  setupPin: 'PIN atau kata sandi ponsel',
  setupPinHint: 'Minimal 8 angka, atau kalimat sandi minimal 8 karakter. Jangan pakai kata sandi akun Anda.',
  setupPinAgain: 'Ulangi PIN',
  setupSubmit: 'Siapkan ponsel ini',
  setupBusy: 'Menyiapkan ponsel… ini butuh beberapa detik.',
  setupLabelMissing: 'Beri nama ponsel ini.',
  setupPinMismatch: 'Kedua PIN tidak sama.',
  setupRecentSignIn:
    'Demi keamanan, ponsel hanya bisa disiapkan dalam 5 menit setelah Anda masuk dengan kata sandi. Masuk lagi, lalu langsung siapkan ponsel.',
  setupSignInAgain: 'Masuk lagi',
  setupDone: 'Ponsel ini sudah siap. Mulai sekarang aplikasi di ponsel ini dibuka dengan PIN Anda.',
  setupAlready: 'Ponsel ini sudah disiapkan untuk bekerja tanpa sinyal dan dibuka dengan PIN Anda.',
  pinTooShort: 'PIN harus minimal 8 angka.',
  passphraseTooShort: 'Kalimat sandi harus minimal 8 karakter.',
  phoneLockTitle: 'Buka dengan PIN',
  phoneLockHelp: 'Ponsel ini terkunci. Masukkan PIN ponsel Anda.',
  phoneLockPin: 'PIN',
  phoneUnlock: 'Buka',
  phoneUnlocking: 'Memeriksa PIN…',
  phoneWrongPin: 'PIN salah. Sisa percobaan: {count}.',
  phonePinGoneTitle: 'PIN tidak bisa dipakai lagi',
  phonePinGone:
    'PIN salah lima kali, jadi PIN tidak lagi membuka ponsel ini. Tidak ada yang hilang: saat ada sinyal, masuk dengan kata sandi akun Anda, lalu buat PIN baru.',
  phoneRevokedTitle: 'Ponsel ini sudah dicabut',
  phoneRevoked:
    'Ponsel ini dicabut dari daftar ponsel Anda, jadi semua isinya sudah dihapus dari ponsel. Masuk dengan kata sandi untuk bekerja secara daring.',
  phoneToSignIn: 'Ke halaman masuk',
  phoneLock: 'Kunci',
  forgetPhone: 'Lupakan ponsel ini',
  forgetPhoneTitle: 'Lupakan ponsel ini?',
  forgetPhoneWarning:
    'Semua yang tersimpan di ponsel ini dihapus, termasuk catatan yang belum terkirim. Ponsel tetap ada di daftar ponsel Anda sampai Anda mencabutnya.',
  forgetPhoneConfirm: 'Ya, lupakan ponsel ini',
  forgetPhoneCancel: 'Batal',
};

export const en: Record<keyof typeof id, string> = {
  setupTitle: 'Use this phone offline',
  setupHelp:
    'Set up this phone to take in cases and log follow-ups without signal. From then on the app on this phone opens with a PIN you choose. Set it up only on a phone of your own.',
  setupLabel: 'Name of this phone',
  setupLabelHint: 'Shown on your phones list, for example "My phone". Do not use another person’s name.',
  setupPin: 'PIN or phone passphrase',
  setupPinHint: 'At least 8 digits, or a passphrase of at least 8 characters. Do not use your account password.',
  setupPinAgain: 'PIN again',
  setupSubmit: 'Set up this phone',
  setupBusy: 'Setting up the phone… this takes a few seconds.',
  setupLabelMissing: 'Give this phone a name.',
  setupPinMismatch: 'The two PINs are not the same.',
  setupRecentSignIn:
    'For your safety, a phone can be set up only within 5 minutes of signing in with your password. Sign in again, then set up the phone straight away.',
  setupSignInAgain: 'Sign in again',
  setupDone: 'This phone is set up. From now on the app on this phone opens with your PIN.',
  setupAlready: 'This phone is set up to work without signal and opens with your PIN.',
  pinTooShort: 'A PIN needs at least 8 digits.',
  passphraseTooShort: 'A passphrase needs at least 8 characters.',
  phoneLockTitle: 'Unlock with your PIN',
  phoneLockHelp: 'This phone is locked. Enter your phone PIN.',
  phoneLockPin: 'PIN',
  phoneUnlock: 'Unlock',
  phoneUnlocking: 'Checking the PIN…',
  phoneWrongPin: 'Wrong PIN. Tries left: {count}.',
  phonePinGoneTitle: 'The PIN no longer works',
  phonePinGone:
    'The PIN was wrong five times, so it no longer opens this phone. Nothing is lost: when you have signal, sign in with your account password and choose a new PIN.',
  phoneRevokedTitle: 'This phone was revoked',
  phoneRevoked:
    'This phone was revoked from your phones list, so everything on it has been wiped. Sign in with your password to work online.',
  phoneToSignIn: 'Go to sign-in',
  phoneLock: 'Lock',
  forgetPhone: 'Forget this phone',
  forgetPhoneTitle: 'Forget this phone?',
  forgetPhoneWarning:
    'Everything stored on this phone is wiped, including records not yet sent. The phone stays on your phones list until you revoke it.',
  forgetPhoneConfirm: 'Yes, forget this phone',
  forgetPhoneCancel: 'Cancel',
};
