/** The strings of working on a phone with no signal: the offline frame, its cases and plan items, the offline window (SPEC §12). */
export const id = {
  phoneWindowClosedTitle: 'Masuk dengan kata sandi untuk lanjut',
  phoneWindowClosed:
    'Ponsel ini sudah dipakai tanpa sinyal selama batas waktu sejak Anda terakhir masuk dengan kata sandi, jadi PIN tidak lagi membukanya. Tidak ada yang hilang: saat ada sinyal, masuk dengan kata sandi akun Anda, lalu buat PIN baru.',
  phoneClockSetBack:
    'Jam ponsel ini dimundurkan, jadi PIN tidak lagi membukanya. Periksa tanggal dan jam ponsel. Tidak ada yang hilang: saat ada sinyal, masuk dengan kata sandi akun Anda, lalu buat PIN baru.',
  phoneOffline:
    'Tanpa sinyal. Anda melihat kasus seperti saat ponsel ini terakhir tersinkron; aplikasi tersambung lagi sendiri saat sinyal kembali.',
  phoneOfflineCase: 'Riwayat kasus dan tindakan lain pada kasus ini perlu sinyal.',
  phoneWaitingFollowUps: 'Ditambahkan di ponsel ini, belum terkirim',
  phoneOfflinePlans:
    'Tanpa sinyal. Ini kegiatan rencana kelompok Anda seperti saat ponsel ini terakhir tersinkron. Pilih satu untuk melaporkan kegiatan; laporan dikirim saat sinyal kembali.',
  phoneNoOfflinePlanItems:
    'Ponsel ini tidak menyimpan kegiatan untuk dilaporkan. Perlu rencana kerja kelompok Anda tahun ini yang sudah disetujui, tersinkron saat ada sinyal.',
  phoneOfflinePlanItem:
    'Tanpa sinyal. Rincian kegiatan ini dan laporannya perlu sinyal. Laporan yang Anda simpan di sini disimpan di ponsel ini dan dikirim saat sinyal kembali.',
  phoneBackToPlanItems: 'Kembali ke daftar kegiatan',
};

export const en: Record<keyof typeof id, string> = {
  phoneWindowClosedTitle: 'Sign in with your password to go on',
  phoneWindowClosed:
    'This phone has been used without signal for as long as allowed since you last signed in with your password, so the PIN no longer opens it. Nothing is lost: when you have signal, sign in with your account password and choose a new PIN.',
  phoneClockSetBack:
    'This phone’s clock was set back, so the PIN no longer opens it. Check the phone’s date and time. Nothing is lost: when you have signal, sign in with your account password and choose a new PIN.',
  phoneOffline:
    'No signal. You see the cases as this phone last synced them; the app reconnects by itself when the signal returns.',
  phoneOfflineCase: 'The case history and the other actions on this case need signal.',
  phoneWaitingFollowUps: 'Added on this phone, not sent yet',
  phoneOfflinePlans:
    'No signal. These are the activities of your groups’ plans as this phone last synced them. Choose one to report on it; the report is sent when the signal returns.',
  phoneNoOfflinePlanItems:
    'This phone holds no activity to report on. An approved work plan of your groups for this year is needed, synced while there was signal.',
  phoneOfflinePlanItem:
    'No signal. This activity’s details and its reports need signal. A report you save here is kept on this phone and sent when the signal returns.',
  phoneBackToPlanItems: 'Back to the list of activities',
};
