/** The strings of working on a phone with no signal: the offline frame, its cases, the offline window (SPEC §12). */
export const id = {
  phoneWindowClosedTitle: 'Masuk dengan kata sandi untuk lanjut',
  phoneWindowClosed:
    'Ponsel ini sudah dipakai tanpa sinyal selama batas waktu sejak Anda terakhir masuk dengan kata sandi, jadi PIN tidak lagi membukanya. Tidak ada yang hilang: saat ada sinyal, masuk dengan kata sandi akun Anda, lalu buat PIN baru.',
  phoneClockSetBack:
    'Jam ponsel ini dimundurkan, jadi PIN tidak lagi membukanya. Periksa tanggal dan jam ponsel. Tidak ada yang hilang: saat ada sinyal, masuk dengan kata sandi akun Anda, lalu buat PIN baru.',
  phoneOffline:
    'Tanpa sinyal. Anda melihat kasus seperti saat ponsel ini terakhir tersinkron; aplikasi tersambung lagi sendiri saat sinyal kembali.',
  phoneOfflineCase: 'Riwayat kasus dan tindakan pada kasus ini perlu sinyal.',
};

export const en: Record<keyof typeof id, string> = {
  phoneWindowClosedTitle: 'Sign in with your password to go on',
  phoneWindowClosed:
    'This phone has been used without signal for as long as allowed since you last signed in with your password, so the PIN no longer opens it. Nothing is lost: when you have signal, sign in with your account password and choose a new PIN.',
  phoneClockSetBack:
    'This phone’s clock was set back, so the PIN no longer opens it. Check the phone’s date and time. Nothing is lost: when you have signal, sign in with your account password and choose a new PIN.',
  phoneOffline:
    'No signal. You see the cases as this phone last synced them; the app reconnects by itself when the signal returns.',
  phoneOfflineCase: 'The case history and the actions on this case need signal.',
};
