/** The strings of a phone's recovery after an administrator's reset (SPEC §12 "Resets, role changes, revocation"). */
export const id = {
  phoneRecoveryPasswordTitle: 'Buat kata sandi Anda sendiri',
  phoneRecoveryPasswordHelp:
    'Administrator mengatur ulang kata sandi Anda. Buat kata sandi Anda sendiri; setelah itu PIN baru membuka ponsel ini dan catatan yang menunggu di ponsel dikirim.',
  phoneRecoveryPasswordSubmit: 'Simpan kata sandi dan buka ponsel',
  phoneRecoveryEnrolTitle: 'Pasang autentikator lagi',
  phoneRecoveryEnrolHelp:
    'Administrator mengatur ulang faktor kedua Anda. Pindai kode QR ini dengan aplikasi autentikator, atau ketik kuncinya, lalu masukkan kode 6 angka; setelah itu PIN baru membuka ponsel ini.',
  phoneRecoveryEnrolSubmit: 'Periksa kode dan buka ponsel',
  phoneSessionEnded:
    'Sesi Anda di ponsel ini sudah berakhir (misalnya administrator mengatur ulang kata sandi Anda). Dengan sinyal, masuk dengan kata sandi Anda di bawah; tidak ada yang hilang dari ponsel.',
  phoneRecoverySignInAgain:
    'Sudah lebih dari 5 menit sejak Anda masuk. Masuk lagi (dengan kata sandi baru, jika Anda baru saja membuatnya).',
};

export const en: Record<keyof typeof id, string> = {
  phoneRecoveryPasswordTitle: 'Choose your own password',
  phoneRecoveryPasswordHelp:
    'An administrator reset your password. Choose your own password; then your new PIN opens this phone and the records waiting on it are sent.',
  phoneRecoveryPasswordSubmit: 'Save the password and open the phone',
  phoneRecoveryEnrolTitle: 'Set up your authenticator again',
  phoneRecoveryEnrolHelp:
    'An administrator reset your second factor. Scan this QR code with an authenticator app, or type the key, then enter the 6-digit code; then your new PIN opens this phone.',
  phoneRecoveryEnrolSubmit: 'Check the code and open the phone',
  phoneSessionEnded:
    'Your session on this phone has ended (for example, an administrator reset your password). With signal, sign in with your password below; nothing on the phone is lost.',
  phoneRecoverySignInAgain:
    'More than 5 minutes have passed since you signed in. Sign in again (with your new password, if you have just chosen one).',
};
