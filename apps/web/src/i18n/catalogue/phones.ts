/** The strings of the phones screens (SPEC §12): a companion's own phones, the organisation's for its administrator. */
export const id = {
  phonesNav: 'Ponsel',
  phonesOrganisationTitle: 'Ponsel pendamping',
  phonesOrganisationHelp:
    'Ponsel yang disiapkan pendamping untuk bekerja tanpa sinyal. Cabut ponsel yang hilang, dicuri, atau tidak dipakai lagi.',
  phonesMineTitle: 'Ponsel saya',
  phonesMineHelp:
    'Ponsel yang Anda siapkan untuk bekerja tanpa sinyal. Cabut ponsel yang hilang, dicuri, atau tidak Anda pakai lagi.',
  phonesMineLink: 'Lihat dan cabut ponsel saya',
  phonesNone: 'Belum ada ponsel yang disiapkan untuk bekerja tanpa sinyal.',
  phonesOwner: 'Pemilik',
  phonesOwnerUnknown: 'pengguna tidak dikenal',
  phonesRegistered: 'Didaftarkan',
  phonesLastSync: 'Sinkron terakhir',
  phonesNeverSynced: 'belum pernah',
  phonesState: 'Status',
  phonesActive: 'Aktif',
  phonesRevokedOn: 'Dicabut, {at}',
  phonesRevoke: 'Cabut {label}',
  phonesRevokeTitle: 'Cabut ponsel {label}?',
  phonesRevokeExplain:
    'Ponsel ini tidak bisa dibuka lagi, dengan PIN maupun kata sandi. Begitu tersambung ke internet, semua isinya dihapus. Ponsel yang dicabut tidak bisa diaktifkan kembali; ponsel itu perlu disiapkan lagi dari awal.',
  phonesRevokeLoss: 'Catatan yang dibuat di ponsel ini dan belum terkirim sejak sinkron terakhir ({at}) akan hilang.',
  phonesRevokeLossNever:
    'Ponsel ini belum pernah sinkron: semua catatan yang dibuat di dalamnya dan belum terkirim akan hilang.',
  phonesRevokeConfirm: 'Ya, cabut ponsel ini',
  phonesRevokeCancel: 'Batal',
  phonesRevoked: 'Ponsel {label} sudah dicabut.',
};

export const en: Record<keyof typeof id, string> = {
  phonesNav: 'Phones',
  phonesOrganisationTitle: 'Companions’ phones',
  phonesOrganisationHelp:
    'The phones companions set up to work without signal. Revoke a phone that is lost, stolen or no longer used.',
  phonesMineTitle: 'My phones',
  phonesMineHelp:
    'The phones you set up to work without signal. Revoke a phone that is lost, stolen or that you no longer use.',
  phonesMineLink: 'See and revoke my phones',
  phonesNone: 'No phone has been set up to work without signal yet.',
  phonesOwner: 'Owner',
  phonesOwnerUnknown: 'unknown user',
  phonesRegistered: 'Registered',
  phonesLastSync: 'Last sync',
  phonesNeverSynced: 'never',
  phonesState: 'State',
  phonesActive: 'Active',
  phonesRevokedOn: 'Revoked, {at}',
  phonesRevoke: 'Revoke {label}',
  phonesRevokeTitle: 'Revoke the phone {label}?',
  phonesRevokeExplain:
    'This phone can no longer be opened, neither with the PIN nor with the password. As soon as it goes online, everything on it is wiped. A revoked phone cannot be made active again; it has to be set up anew.',
  phonesRevokeLoss: 'Records made on this phone and not sent since its last sync ({at}) will be lost.',
  phonesRevokeLossNever: 'This phone has never synced: every record made on it and not yet sent will be lost.',
  phonesRevokeConfirm: 'Yes, revoke this phone',
  phonesRevokeCancel: 'Cancel',
  phonesRevoked: 'The phone {label} has been revoked.',
};
