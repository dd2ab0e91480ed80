/** The strings of the session's lifecycle: resuming a page, the idle lock, the notice of a reset. */
export const id = {
  sessionResuming: 'Membuka Pendamping…',
  sessionLockedTitle: 'Pendamping terkunci',
  sessionLockedHelp:
    'Pendamping dikunci karena lama tidak dipakai, supaya data penyintas tetap aman. Masuk lagi untuk melanjutkan.',
  sessionResetPasswordTitle: 'Kata sandi Anda telah direset',
  sessionResetTotpTitle: 'Verifikasi dua langkah Anda telah direset',
  sessionResetBy: '{requester} meminta reset ini dan {approver} menyetujuinya pada {at}.',
  sessionResetByOperator: '{requester} meminta reset ini dan operator layanan menyetujuinya pada {at}.',
  sessionResetUnexpected:
    'Kalau Anda tidak pernah meminta reset ini, segera beri tahu koordinator atau admin organisasi Anda.',
  sessionResetAcknowledge: 'Saya mengerti',
  storageTitle: 'Penyimpanan di perangkat ini',
  storageGranted:
    'Browser ini menyimpan data Pendamping secara tetap: data tidak dihapus walaupun ruang penyimpanan menipis.',
  storageRefused:
    'Browser ini belum menyimpan data Pendamping secara tetap: data bisa dihapus kalau ruang penyimpanan menipis. Memasang Pendamping di layar utama membantu.',
  storageUnavailable: 'Browser ini tidak bisa menyimpan data Pendamping secara tetap.',
} as const;

export const en: Record<keyof typeof id, string> = {
  sessionResuming: 'Opening Pendamping…',
  sessionLockedTitle: 'Pendamping is locked',
  sessionLockedHelp:
    'Pendamping locked itself after a while without use, to keep survivors’ data safe. Sign in again to go on.',
  sessionResetPasswordTitle: 'Your password was reset',
  sessionResetTotpTitle: 'Your two-step verification was reset',
  sessionResetBy: '{requester} asked for this reset and {approver} approved it on {at}.',
  sessionResetByOperator: '{requester} asked for this reset and the service operator approved it on {at}.',
  sessionResetUnexpected:
    'If you never asked for this reset, tell your coordinator or your organisation’s admin straight away.',
  sessionResetAcknowledge: 'I understand',
  storageTitle: 'Storage on this device',
  storageGranted: 'This browser keeps Pendamping’s data persistently: it is not cleared even when space runs low.',
  storageRefused:
    'This browser does not keep Pendamping’s data persistently yet: it may be cleared when space runs low. Adding Pendamping to the home screen helps.',
  storageUnavailable: 'This browser cannot keep Pendamping’s data persistently.',
};
