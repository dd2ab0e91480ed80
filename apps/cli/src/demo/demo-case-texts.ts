/*
 * Words for the demo cases: names common in Nusa Tenggara Timur (Timorese/Dawan, Rotenese and
 * Sabunese family names, Christian given names, and some Muslim families) and short, generic case
 * notes in Indonesian. The names are combined at random: they describe no real person, and the
 * notes no real event.
 */

export const FEMALE_GIVEN_NAMES = [
  'Yuliana',
  'Maria',
  'Marselina',
  'Yohana',
  'Agustina',
  'Ferderika',
  'Novita',
  'Elisabeth',
  'Magdalena',
  'Orpa',
  'Ester',
  'Rahel',
  'Debora',
  'Welmina',
  'Yosefina',
  'Anastasia',
  'Imelda',
  'Margaretha',
  'Adriana',
  'Dorkas',
  'Selfina',
  'Martha',
  'Paulina',
  'Ribka',
  'Mariana',
  'Getrudis',
  'Oktovina',
  'Juliana',
  'Kristina',
  'Antonia',
  'Yakomina',
  'Naomi',
  'Lodia',
  'Rosalina',
  'Florentina',
  'Erni',
  'Mince',
  'Seprianti',
  'Hermina',
  'Ludia',
  'Afliana',
  'Desi',
  'Yanti',
  'Susana',
  'Lusia',
  'Regina',
] as const;

export const GIRL_GIVEN_NAMES = [
  'Angelina',
  'Kristin',
  'Natalia',
  'Yuni',
  'Veronika',
  'Putri',
  'Sintia',
  'Meylani',
  'Irene',
  'Grasela',
  'Sesilia',
  'Ayu',
  'Febriani',
  'Jesika',
  'Nova',
  'Clara',
  'Gloria',
  'Yasinta',
  'Merlin',
  'Sarah',
  'Theresia',
  'Desy',
  'Marlin',
  'Olivia',
  'Lidia',
  'Priska',
  'Vivi',
] as const;

export const BOY_GIVEN_NAMES = [
  'Yosua',
  'Kevin',
  'Rian',
  'Yoel',
  'Gilbert',
  'Markus',
  'Petrus',
  'Gerson',
  'Yakob',
  'Adi',
  'Ferdi',
  'Jeremi',
  'Mikael',
  'Noval',
  'Rendi',
] as const;

export const MALE_GIVEN_NAMES = [
  'Yohanes',
  'Markus',
  'Petrus',
  'Yakobus',
  'Daniel',
  'Simon',
  'Frans',
  'Agus',
  'Yusuf',
  'Stefanus',
  'Alfred',
  'Melkianus',
  'Obed',
  'Yeskiel',
  'Zakarias',
  'Hendrik',
  'Nikolas',
  'Marthen',
  'Yulius',
  'Benyamin',
  'Aleksander',
  'Mikhael',
  'Semuel',
  'Yermias',
  'Elias',
  'Kornelis',
  'Matheus',
  'Lukas',
  'Ferdinand',
  'Paulus',
  'Roni',
  'Ishak',
  'Abraham',
  'Dominggus',
  'Yosef',
] as const;

export const MUSLIM_FEMALE_GIVEN_NAMES = [
  'Siti Aminah',
  'Nurhayati',
  'Fatimah',
  'Hadijah',
  'Rahmawati',
  'Sitti Hajar',
  'Nur Aisyah',
  'Halimah',
  'Zainab',
  'Salma',
] as const;
export const MUSLIM_GIRL_GIVEN_NAMES = [
  'Nabila',
  'Aulia',
  'Putri Ramadhani',
  'Nurul',
  'Khairunnisa',
  'Salsabila',
  'Zahra',
] as const;
export const MUSLIM_BOY_GIVEN_NAMES = ['Rizky', 'Fadil', 'Ilham', 'Arif', 'Fikri'] as const;
export const MUSLIM_MALE_GIVEN_NAMES = [
  'Ahmad',
  'Abdul Rahman',
  'Hasan',
  'Muhammad Ali',
  'Usman',
  'Ismail',
  'Syamsudin',
  'Ridwan',
  'Yusran',
  'Hamzah',
] as const;

/** Timorese (Dawan) family names, most common around SoE and in the east of Kabupaten Kupang. */
export const TIMORESE_FAMILY_NAMES = [
  'Tefa',
  'Nubatonis',
  'Benu',
  'Tlonaen',
  'Taneo',
  'Nenobais',
  'Selan',
  'Neonbasu',
  'Kase',
  'Nabuasa',
  'Boimau',
  'Tanaem',
  'Tamonob',
  'Sanam',
  'Liu',
  'Bria',
  'Seran',
  'Nahak',
  'Ataupah',
  'Oematan',
  'Nope',
  'Kolo',
  'Banunaek',
  'Toislaka',
  'Missa',
  'Nuban',
  'Neolaka',
  'Mella',
  'Bani',
  'Tallo',
  'Sabuna',
  'Faot',
  'Tnesi',
  'Lasi',
  'Manehat',
  'Taek',
  'Naitboho',
  'Natonis',
] as const;

/** Rotenese and Sabunese family names, common in and around Kupang. */
export const ROTE_SABU_FAMILY_NAMES = [
  'Ndun',
  'Ndoen',
  'Mooy',
  'Pellondou',
  'Messakh',
  'Dethan',
  'Manafe',
  'Henuk',
  'Adoe',
  'Pah',
  'Haning',
  'Lenggu',
  'Pandie',
  'Ratu',
  'Lado',
  'Kana',
  'Riwu',
  'Bire',
  'Ly',
  'Foeh',
  'Tungga',
  'Zacharias',
  'Dimu',
  'Lomi',
] as const;

export const MUSLIM_FAMILY_NAMES = [
  'Lamuri',
  'Abubakar',
  'Baharuddin',
  'Hasan',
  'Ismail',
  'Kamaluddin',
  'Syarif',
  'Bethan',
  'Lamatapo',
] as const;

export const OUTSIDE_PLACES: Record<string, readonly string[]> = {
  KPG: [
    'Kelurahan Oebobo, Kota Kupang',
    'Desa Oelnasi, Kupang Tengah',
    'Desa Penfui Timur, Kupang Tengah',
    'Kelurahan Naibonat, Kupang Timur',
  ],
  SOE: ['Kelurahan Cendana, Kota SoE', 'Desa Boti, Ki’e', 'Desa Tobu, Mollo Utara', 'Kelurahan Karang Sirih, Kota SoE'],
};

/** Villages that are kelurahan (urban wards, with lingkungan rather than dusun). */
export const KELURAHAN = new Set(['Oesao', 'Kuatae']);

export const NICKNAMES: Record<string, string> = {
  Yuliana: 'Yuli',
  Marselina: 'Selin',
  Yohana: 'Ana',
  Agustina: 'Tina',
  Ferderika: 'Rika',
  Elisabeth: 'Elis',
  Magdalena: 'Lena',
  Welmina: 'Wely',
  Yosefina: 'Ofin',
  Anastasia: 'Tasya',
  Margaretha: 'Eta',
  Adriana: 'Ina',
  Selfina: 'Efi',
  Paulina: 'Lina',
  Mariana: 'Ani',
  Oktovina: 'Ovin',
  Juliana: 'Yuli',
  Kristina: 'Tina',
  Yakomina: 'Omi',
  Rosalina: 'Ocha',
  Florentina: 'Flo',
  Angelina: 'Angel',
  Veronika: 'Vero',
  Meylani: 'Mey',
  Grasela: 'Ela',
  Febriani: 'Febi',
  Theresia: 'Esi',
  Natalia: 'Lia',
};

// --- fitting a text to its case ------------------------------------------------------------------

/**
 * What a text may assume about its case: the survivor is a child or an adult, female or male, a
 * police report was made, the perpetrator is the husband or family (or has a given relationship
 * code), a pregnancy follows a rape. A text without `when` fits any case.
 */
export type TextContext =
  'child' | 'adult' | 'female' | 'male' | 'justice' | 'husband' | 'family' | 'pregnancy' | 'teacher' | 'elderly';
export type CaseText = string | { text: string; when: TextContext };

// --- narratives -------------------------------------------------------------------------------

export const NARRATIVES = {
  kdrt_fisik: [
    'Korban dipukul dan ditendang oleh suami setelah bertengkar soal uang hasil jual ternak. Korban mengalami memar di lengan dan wajah. Menurut korban, kekerasan sudah berulang {durasi}, biasanya saat suami pulang dalam keadaan mabuk.',
    'Suami korban marah karena makanan belum siap ketika pulang dari kebun, lalu memukul kepala korban dengan tangan dan melempar piring. Korban sempat lari ke rumah tetangga. Anak-anak menyaksikan kejadian itu.',
    'Korban dicekik dan didorong hingga jatuh oleh suami karena dituduh berselingkuh. Ada bekas luka di leher dan siku. Korban takut pulang ke rumah dan untuk sementara tinggal di rumah kakaknya.',
    'Korban mengalami kekerasan fisik berulang {durasi}. Kejadian terakhir: suami memukul korban dengan kayu bakar sehingga tangan kiri korban bengkak. Korban baru berani bercerita setelah didampingi ibu ketua kelompok.',
  ],
  kdrt_psikis: [
    'Korban sering dimaki, dihina di depan keluarga, dan diancam akan diusir dari rumah oleh suami. Korban tidak diizinkan mengikuti kegiatan gereja maupun kelompok perempuan. Korban merasa tertekan dan sulit tidur.',
    'Suami korban mengancam akan membawa pergi anak-anak bila korban melapor. Korban dilarang memegang uang dan harus meminta izin untuk keluar rumah. Korban menyampaikan bahwa ia merasa takut setiap hari.',
    'Korban mengalami ancaman dan kata-kata kasar dari suami {durasi}, terutama setelah suami kehilangan pekerjaan. Suami juga memecahkan barang-barang di rumah ketika marah. Korban ingin suami berubah dan belum ingin berpisah.',
  ],
  kdrt_penelantaran: [
    'Suami korban merantau ke Malaysia {durasi} dan tidak lagi mengirim uang maupun kabar. Korban menghidupi tiga anak dari hasil menenun dan berjualan sayur. Anak sulung terancam putus sekolah.',
    'Suami korban tinggal bersama perempuan lain di kota dan tidak memberi nafkah {durasi}. Korban dan anak-anaknya kekurangan makanan saat musim paceklik. Korban ingin mengurus hak nafkah anak.',
    'Korban ditinggalkan suami tanpa nafkah dan dilarang bekerja di luar rumah oleh keluarga suami. Korban tidak memiliki akta nikah sehingga sulit mengurus bantuan sosial untuk anak-anaknya.',
  ],
  former_partner: [
    'Mantan pasangan korban terus datang ke rumah dan mengancam korban serta keluarganya sejak mereka berpisah. Ia menuntut anak ikut dengannya dan pernah merusak pintu rumah korban.',
    'Korban diikuti dan diancam oleh mantan pasangannya setiap kali pulang dari pasar. Mantan pasangan menyebarkan cerita bohong tentang korban di kampung sehingga korban malu keluar rumah.',
    'Setelah korban menolak kembali bersama, mantan pasangannya memukul korban di jalan dekat rumah. Beberapa warga melihat kejadian itu dan membawa korban ke rumah kepala dusun.',
  ],
  child_sexual: [
    'Korban mengalami kekerasan seksual oleh {pelaku} ketika ibunya sedang bekerja di kebun. Kejadian diketahui setelah korban mengeluh sakit dan bercerita kepada bibinya. Keluarga ingin kasus diproses secara hukum.',
    'Korban diajak ke rumah {pelaku} dengan alasan diberi uang jajan, lalu dicabuli. Korban baru menceritakan kejadian itu kepada guru kelasnya beberapa minggu kemudian. Korban tampak murung dan tidak mau sekolah.',
    'Korban mengalami pelecehan seksual oleh {pelaku} dalam perjalanan pulang dari sekolah. Korban menceritakan kejadian kepada ibunya pada malam itu juga. Ibu korban melapor ke ketua RT dan kelompok dampingan.',
    {
      text: 'Korban disetubuhi berulang kali oleh {pelaku} dengan ancaman akan dipukul bila bercerita. Kejadian terungkap ketika korban diperiksa di puskesmas dan diketahui hamil. Keluarga mendapat tekanan untuk menyelesaikan secara adat.',
      when: 'pregnancy',
    },
  ],
  adult_sexual: [
    'Korban mengalami kekerasan seksual oleh {pelaku} ketika sedang sendirian di rumah. Korban baru berani bercerita kepada kakak perempuannya dua hari kemudian. Korban takut pelaku akan mengulangi perbuatannya.',
    'Korban mengalami pelecehan seksual oleh {pelaku} di tempat umum. Korban merasa malu dan sempat menolak melapor, tetapi akhirnya meminta pendampingan kelompok.',
    'Korban mengalami kekerasan seksual oleh {pelaku} setelah pesta adat di kampung. Keluarga pelaku mendatangi rumah korban dan menawarkan denda adat agar kasus tidak dilaporkan.',
  ],
  ksbe: [
    'Korban diancam oleh {pelaku} bahwa foto dan video pribadinya akan disebarkan di media sosial bila korban memutuskan hubungan. Korban sudah menerima puluhan pesan ancaman dan tidak berani keluar rumah.',
    'Foto korban yang diedit secara tidak senonoh disebarkan {pelaku} di grup WhatsApp kampung. Korban ingin konten tersebut dihapus dan pelaku diproses.',
    {
      text: 'Korban dipaksa {pelaku} mengirim foto pribadi melalui pesan, lalu diperas untuk mengirim uang. Korban ketakutan, berhenti sekolah sementara, dan menceritakan kejadian ini kepada guru BK.',
      when: 'child',
    },
    {
      text: 'Korban dipaksa {pelaku} mengirim foto pribadi melalui pesan, lalu diperas untuk mengirim uang. Korban ketakutan dan menceritakan kejadian ini kepada kakaknya.',
      when: 'adult',
    },
  ],
  child_physical: [
    'Korban dipukul dan dikurung di dapur oleh {pelaku}. Tetangga mendengar korban menangis pada malam hari dan melapor ke ketua RT. Korban tampak kurus dan takut bertemu orang.',
    {
      text: 'Korban sering dipukul dengan ikat pinggang oleh {pelaku} bila pulang terlambat atau tidak menyelesaikan pekerjaan rumah. Guru melihat bekas luka di punggung korban dan melapor ke kelompok.',
      when: 'family',
    },
    {
      text: 'Korban mengalami luka bakar di tangan karena dihukum {pelaku}. Korban dibawa ke puskesmas oleh neneknya. Keluarga besar meminta pendampingan agar korban aman.',
      when: 'family',
    },
    {
      text: 'Korban dipukul dengan rotan oleh {pelaku} di depan kelas karena tidak mengerjakan tugas. Orang tua melihat bekas luka di lengan korban dan melapor ke kelompok.',
      when: 'teacher',
    },
  ],
  child_neglect: [
    'Kedua orang tua korban merantau ke Kalimantan {durasi} dan korban dititipkan kepada nenek yang sudah tua dan sakit. Korban sering tidak makan dan jarang masuk sekolah.',
    'Korban tidak mendapat perawatan ketika sakit dan berat badannya jauh di bawah normal menurut kader posyandu. Orang tua jarang di rumah. Kader meminta kelompok membantu keluarga.',
    'Korban dibiarkan tinggal sendiri di rumah kebun tanpa pengawasan orang dewasa dan tidak lagi bersekolah sejak semester lalu. Kepala desa meminta kelompok mendampingi keluarga.',
  ],
  child_marriage: [
    'Korban yang masih duduk di bangku SMP dipaksa menikah dengan laki-laki dewasa karena keluarga sudah menerima belis. Korban ingin tetap sekolah dan menolak perkawinan tersebut.',
    'Korban dinikahkan secara adat oleh keluarga setelah hubungannya dengan seorang laki-laki dewasa diketahui. Korban tidak menginginkan perkawinan itu dan kini tinggal di rumah keluarga laki-laki tanpa bisa bersekolah.',
    {
      text: 'Korban dijodohkan oleh {pelaku} dengan seorang duda untuk melunasi utang keluarga. Guru korban melaporkan rencana perkawinan kepada kelompok dampingan.',
      when: 'family',
    },
  ],
  trafficking: [
    {
      text: 'Korban direkrut oleh {pelaku} untuk bekerja sebagai pekerja rumah tangga di Malaysia dengan janji gaji besar, tanpa dokumen resmi. Paspor korban ditahan majikan dan gajinya tidak dibayar selama {bulan} bulan. Korban dipulangkan melalui BP3MI.',
      when: 'female',
    },
    'Korban dibawa {pelaku} ke Batam dengan alasan bekerja di restoran, lalu dipaksa bekerja tanpa upah dan tidak boleh menghubungi keluarga. Keluarga melapor setelah korban berhasil menelepon dari ponsel orang lain.',
    'Korban ditawari pekerjaan di perkebunan sawit Kalimantan oleh {pelaku}. Umur korban dinaikkan dalam dokumen. Di tempat kerja korban diperlakukan dengan kasar dan gajinya dipotong untuk melunasi utang perjalanan.',
  ],
  child_labour: [
    {
      text: 'Korban dipekerjakan sebagai pembantu rumah tangga di Kota Kupang oleh {pelaku} sejak usia 13 tahun tanpa upah dan tidak disekolahkan. Korban bekerja dari subuh hingga malam.',
      when: 'female',
    },
    'Korban disuruh {pelaku} berjualan di pasar setiap hari hingga malam dan tidak lagi bersekolah. Penghasilan korban diambil seluruhnya. Guru korban melapor ke kelompok.',
  ],
  elderly: [
    'Korban, seorang janda lanjut usia, ditelantarkan oleh {pelaku}. Korban tinggal sendiri di rumah yang rusak dan sering tidak makan. Tanah korban diambil alih tanpa persetujuannya.',
    'Korban lanjut usia sering dimarahi dan diancam oleh {pelaku} yang tinggal serumah. Uang bantuan sosial korban diambil. Tetangga melapor ke ketua kelompok.',
  ],
  workplace: [
    'Korban mengalami pelecehan seksual verbal dan sentuhan yang tidak diinginkan oleh {pelaku} di tempat kerja. Korban diancam diberhentikan bila menolak atau bercerita.',
    'Korban sering dikirimi pesan bernada seksual oleh {pelaku} dan diminta datang ke kantor di luar jam kerja. Korban akhirnya berhenti bekerja dan meminta pendampingan.',
  ],
  suanggi: [
    'Korban dituduh sebagai suanggi oleh {pelaku} setelah seorang anak di kampung meninggal. Rumah korban dilempari batu dan korban diusir dari dusun. Korban kini menumpang di rumah kerabat.',
  ],
} satisfies Record<string, readonly CaseText[]>;

export const DURATIONS = [
  'sejak setahun terakhir',
  'sejak dua tahun terakhir',
  'selama lebih dari lima tahun',
  'sejak beberapa bulan terakhir',
];

/** How a narrative names the perpetrator (never by name), by relationship and, where the word differs, sex. */
export const PERPETRATOR_WORDS: Record<string, { male: readonly string[]; female: readonly string[] }> = {
  husband_partner: { male: ['pacarnya', 'pasangannya'], female: ['pasangannya'] },
  former_partner: { male: ['mantan pacarnya', 'mantan pasangannya'], female: ['mantan pasangannya'] },
  parent: { male: ['ayah kandungnya'], female: ['ibu kandungnya'] },
  step_parent: { male: ['ayah tirinya'], female: ['ibu tirinya'] },
  neighbour: { male: ['tetangganya', 'seorang tetangga'], female: ['tetangganya'] },
  teacher: { male: ['gurunya', 'seorang guru di sekolahnya'], female: ['gurunya'] },
  employer: { male: ['majikannya', 'atasannya'], female: ['majikannya'] },
  religious_leader: { male: ['seorang tokoh agama di kampungnya'], female: ['seorang tokoh agama di kampungnya'] },
  stranger: {
    male: ['orang yang tidak dikenal', 'seorang laki-laki yang tidak dikenal'],
    female: ['orang yang tidak dikenal'],
  },
  other: { male: ['seorang kenalan'], female: ['seorang kenalan'] },
};
/** Who recruits a migrant worker, whatever the relationship code says. */
export const RECRUITER_WORDS = [
  'seorang perekrut dari luar desa',
  'seorang calo tenaga kerja',
  'seorang perekrut yang mengaku dari perusahaan penyalur',
];
/** Other family members are named by who the survivor is: a child's uncle, an old woman's son. */
export const FAMILY_WORDS = {
  child: { male: ['pamannya', 'kakeknya', 'sepupunya'], female: ['bibinya', 'neneknya'] },
  adult: { male: ['iparnya', 'pamannya', 'kerabatnya'], female: ['iparnya', 'kerabatnya'] },
  elderly: { male: ['anak laki-lakinya', 'cucunya'], female: ['menantunya', 'anak perempuannya'] },
} as const;

// --- plans and notes --------------------------------------------------------------------------

export const SAFETY_PLANS = {
  household: [
    'Bila suami pulang dalam keadaan mabuk, korban dan anak-anak pergi ke rumah orang tua korban di dusun sebelah. Tas berisi dokumen penting dititipkan di rumah ketua kelompok.',
    'Korban menyimpan nomor pendamping dengan nama samaran. Tetangga yang dipercaya sepakat memukul kentongan bila terdengar keributan.',
    'Korban tinggal sementara di rumah kakaknya sampai situasi aman. Pendamping berkoordinasi dengan kepala desa bila suami datang mengancam.',
  ],
  child: [
    'Korban tidak ditinggal sendirian di rumah; ibu atau bibi selalu menemani. Pelaku tidak diizinkan mendekati rumah korban. Guru kelas diberi tahu secara terbatas agar korban didampingi di sekolah.',
    'Korban tinggal sementara di rumah nenek di luar desa. Keluarga menyimpan nomor Unit PPA dan pendamping. Jalur pulang sekolah diubah dan korban selalu dijemput.',
    {
      text: 'Korban ditempatkan sementara di rumah aman bersama ibunya sampai pelaku ditahan. Semua kunjungan keluarga pelaku ditolak.',
      when: 'justice',
    },
  ],
  child_care: [
    'Korban tinggal sementara bersama bibinya; kader posyandu dan ketua kelompok memantau setiap minggu.',
    'Keluarga besar sepakat bergiliran mengasuh korban dan memastikan korban makan dan bersekolah. Pendamping berkunjung dua minggu sekali.',
  ],
  online: [
    'Korban mengganti nomor telepon dan kata sandi media sosial, mengaktifkan verifikasi dua langkah, dan menyimpan bukti tangkapan layar. Korban tidak membalas pesan pelaku.',
  ],
  general: [
    'Korban menyepakati orang yang dapat dihubungi bila merasa tidak aman dan menyimpan nomor pendamping serta Unit PPA. Pendamping melakukan kunjungan rutin.',
    'Korban tidak bepergian sendirian pada malam hari dan selalu memberi tahu keluarga ke mana ia pergi.',
  ],
} satisfies Record<string, readonly CaseText[]>;

export const SAFE_TIMES: readonly CaseText[] = [
  'Siang hari, pukul 11.00–14.00',
  'Sore hari sebelum pukul 17.00',
  'Hari Minggu setelah ibadah',
  'Saat korban ke pasar, hari Rabu dan Sabtu',
  { text: 'Pagi hari setelah suami berangkat ke kebun', when: 'husband' },
];
export const INTERMEDIARIES = [
  'Kakak perempuan korban',
  'Ibu ketua kelompok dampingan',
  'Bidan desa',
  'Mama ketua jemaat',
  'Bibi korban yang tinggal di sebelah rumah',
];

export const MEDICAL_NOTES = {
  physical: [
    'Pemeriksaan di puskesmas: memar di lengan dan wajah, tidak ada patah tulang. Diberi obat antinyeri.',
    'Luka robek di pelipis dijahit di puskesmas. Dokter menyarankan kontrol seminggu kemudian.',
    'Bengkak pada pergelangan tangan kiri; hasil rontgen di RSUD tidak menunjukkan patah tulang.',
  ],
  sexual: [
    'Korban diperiksa di puskesmas dan mendapat obat pencegahan infeksi menular seksual. Korban dirujuk ke psikolog.',
    { text: 'Visum et repertum dilakukan di RSUD; hasil pemeriksaan diserahkan kepada penyidik.', when: 'justice' },
    { text: 'Korban hamil sekitar 16 minggu; mendapat pemeriksaan kehamilan rutin di puskesmas.', when: 'pregnancy' },
  ],
  neglect: [
    {
      text: 'Berat badan korban di bawah garis merah KMS; korban mendapat makanan tambahan dari posyandu.',
      when: 'child',
    },
    { text: 'Korban menderita hipertensi dan tidak minum obat secara teratur; dirujuk ke puskesmas.', when: 'adult' },
  ],
} satisfies Record<string, readonly CaseText[]>;

export const TRANSITION_REASONS = {
  activate: [
    'Asesmen awal selesai; rencana pendampingan disepakati bersama korban.',
    'Korban setuju didampingi; kebutuhan mendesak sudah dipetakan.',
    'Kunjungan pertama dilakukan; rencana keselamatan disusun.',
  ],
  /** Sent with the closure request, by the closure reason the coordinator will record. */
  request_closure: {
    needs_met: [
      'Kebutuhan korban sudah terpenuhi dan korban merasa aman; diusulkan ditutup.',
      'Layanan rujukan selesai dan tidak ada kekerasan baru selama tiga bulan terakhir.',
      { text: 'Proses hukum selesai dan korban sudah pulih; diusulkan ditutup.', when: 'justice' },
    ],
    survivor_withdrew: [
      'Korban memutuskan tidak melanjutkan pendampingan.',
      { text: 'Korban mencabut laporan dan memilih berhenti didampingi.', when: 'justice' },
    ],
    unreachable: [
      'Korban tidak dapat dihubungi setelah beberapa kali kunjungan dan telepon.',
      'Korban pindah tanpa kabar; keluarga tidak tahu alamat barunya.',
    ],
    transferred: [
      'Korban pindah ke Kota Kupang dan didampingi lembaga lain.',
      'Kasus dialihkan ke UPTD PPA untuk penanganan lanjutan.',
    ],
    deceased: ['Korban meninggal dunia karena sakit.'],
    duplicate: ['Kasus sudah tercatat oleh pendamping lain; dicatat ganda.'],
  } satisfies Record<string, readonly CaseText[]>,
  close: [
    'Disetujui setelah telaah berkas bersama pendamping.',
    'Berkas lengkap; penutupan disetujui koordinator.',
    'Disetujui dalam rapat koordinasi bulanan.',
  ],
  reopen: [
    'Korban kembali mengalami kekerasan dan meminta pendampingan lagi.',
    { text: 'Pelaku bebas dan kembali mengancam korban; kasus dibuka kembali.', when: 'justice' },
    { text: 'Korban meminta bantuan untuk mengurus hak nafkah anak.', when: 'husband' },
  ],
} as const;

export const REFERRAL_NOTES: Record<string, readonly CaseText[]> = {
  police: [
    'Rujukan untuk konsultasi dan perlindungan dari pelaku.',
    { text: 'Didampingi membuat laporan polisi di Unit PPA.', when: 'justice' },
  ],
  health: [
    'Pemeriksaan kesehatan dan pengobatan.',
    { text: 'Dirujuk untuk pemeriksaan luka dan visum.', when: 'justice' },
    { text: 'Pemeriksaan kesehatan dan pemulihan gizi.', when: 'child' },
  ],
  legal_aid: [
    'Konsultasi hukum tentang pilihan yang dimiliki korban.',
    { text: 'Pendampingan hukum selama proses pidana.', when: 'justice' },
    { text: 'Bantuan hukum untuk gugatan nafkah anak.', when: 'husband' },
  ],
  psychosocial: ['Konseling pemulihan trauma.', { text: 'Pendampingan psikologis untuk anak.', when: 'child' }],
  shelter: ['Penempatan sementara di rumah aman.', { text: 'Rumah aman sampai pelaku ditahan.', when: 'justice' }],
  uptd_ppa: [
    'Koordinasi layanan terpadu untuk korban.',
    { text: 'Penjangkauan dan pendampingan kasus anak.', when: 'child' },
  ],
  customary_religious_leader: [
    'Pendampingan rohani dan dukungan keluarga.',
    'Dialog dengan tokoh adat agar korban tidak ditekan berdamai.',
  ],
  village_government: [
    'Pengurusan surat keterangan dan bantuan desa.',
    'Dukungan pemerintah desa untuk keamanan korban.',
  ],
  social_services: [
    'Pengurusan bantuan sosial dan jaminan kesehatan.',
    { text: 'Asesmen pekerja sosial untuk pengasuhan anak.', when: 'child' },
  ],
  education: [
    { text: 'Agar korban dapat kembali bersekolah.', when: 'child' },
    { text: 'Pindah sekolah dan dukungan guru BK.', when: 'child' },
    { text: 'Pendidikan kesetaraan (Paket C) untuk korban.', when: 'adult' },
  ],
  economic_support: ['Bantuan modal usaha tenun dan kebun.', 'Pelatihan usaha kecil untuk korban.'],
};

/** The outcome of a referral that reached `completed`, by service. */
export const REFERRAL_COMPLETED: Record<string, readonly CaseText[]> = {
  police: [
    'Korban mendapat konsultasi dan perlindungan dari Unit PPA.',
    { text: 'Laporan diterima dan diproses penyidik.', when: 'justice' },
    { text: 'Berkas perkara dilimpahkan ke kejaksaan.', when: 'justice' },
  ],
  health: ['Korban selesai mendapat pengobatan.', { text: 'Hasil visum diserahkan kepada penyidik.', when: 'justice' }],
  legal_aid: [
    'Konsultasi hukum selesai; korban memahami pilihan hukumnya.',
    { text: 'Korban didampingi penasihat hukum hingga putusan.', when: 'justice' },
  ],
  psychosocial: ['Korban menyelesaikan sesi konseling dan merasa lebih tenang.'],
  shelter: ['Korban kembali ke keluarga setelah situasi aman.'],
  uptd_ppa: ['Layanan terpadu bersama UPTD PPA selesai.'],
  customary_religious_leader: ['Tokoh adat dan tokoh agama mendukung korban di depan keluarga besar.'],
  village_government: ['Surat keterangan dan bantuan desa sudah diterima.'],
  social_services: ['Korban terdaftar sebagai penerima bantuan sosial dan BPJS Kesehatan PBI.'],
  education: [
    { text: 'Korban kembali bersekolah.', when: 'child' },
    { text: 'Korban terdaftar di program Paket C.', when: 'adult' },
  ],
  economic_support: ['Korban menerima modal usaha dan mulai berjualan.'],
};

export const REFERRAL_OUTCOMES: Record<'declined' | 'cancelled' | 'in_service' | 'accepted', readonly string[]> = {
  declined: [
    'Layanan menolak karena di luar wilayah kerja; dicari layanan lain.',
    'Layanan sedang penuh; korban diarahkan ke layanan lain.',
  ],
  cancelled: ['Korban memutuskan tidak melanjutkan rujukan.', 'Tidak jadi dirujuk karena keluarga keberatan.'],
  in_service: ['Korban sedang menjalani layanan.'],
  accepted: ['Rujukan diterima; menunggu jadwal layanan.'],
};

export const FOLLOW_UP_NOTES: Record<string, readonly CaseText[]> = {
  home_visit: [
    'Kunjungan rumah. Korban dalam keadaan baik dan tidak ada kekerasan baru sejak kunjungan terakhir.',
    'Kunjungan rumah. Korban masih merasa takut; rencana keselamatan ditinjau kembali bersama korban.',
    'Kunjungan rumah bersama ketua kelompok. Kebutuhan korban untuk bulan depan dicatat.',
    'Kunjungan rumah. Keluarga besar mulai mendukung korban.',
    { text: 'Kunjungan rumah. Anak-anak korban sudah kembali bersekolah.', when: 'husband' },
    {
      text: 'Kunjungan rumah. Korban sudah mau bermain dengan teman-temannya; ibunya selalu mendampingi.',
      when: 'child',
    },
    {
      text: 'Kunjungan rumah. Suami tidak ada di rumah; korban menyampaikan suami masih sering marah bila mabuk.',
      when: 'husband',
    },
  ],
  phone_call: [
    'Telepon pada waktu aman. Korban menyampaikan situasi di rumah mulai tenang.',
    'Telepon tidak diangkat; pesan dititipkan melalui perantara yang aman.',
    'Telepon. Korban menyampaikan kebutuhannya untuk minggu depan.',
    { text: 'Telepon. Korban menanyakan perkembangan proses di kepolisian.', when: 'justice' },
    { text: 'Telepon dengan wali korban. Korban sudah kembali bersekolah dan mulai ceria.', when: 'child' },
  ],
  accompaniment_police: ['Mendampingi korban berkonsultasi ke Unit PPA tentang perlindungan dari pelaku.'],
  accompaniment_court: ['Mendampingi korban ke pengadilan.'],
  accompaniment_health: [
    'Mendampingi korban kontrol kesehatan di puskesmas.',
    { text: 'Mendampingi korban pemeriksaan tumbuh kembang dan gizi di puskesmas.', when: 'child' },
  ],
  counselling: [
    'Konseling individual. Korban mulai bisa tidur lebih baik.',
    'Sesi konseling; korban menceritakan rasa bersalah yang dialaminya dan diberi penguatan.',
    { text: 'Konseling bersama ibu korban tentang cara mendukung korban di rumah.', when: 'child' },
    {
      text: 'Konseling; korban sedang menimbang pilihan untuk tetap tinggal bersama suami atau berpisah.',
      when: 'husband',
    },
  ],
  family_mediation: [
    'Pertemuan dengan keluarga besar tentang tempat tinggal korban dan kebutuhan sehari-hari.',
    {
      text: 'Pertemuan keluarga tentang pengasuhan anak selama korban tinggal sementara di rumah orang tuanya.',
      when: 'husband',
    },
    { text: 'Pertemuan keluarga difasilitasi kepala dusun; suami menyatakan akan ikut konseling.', when: 'husband' },
    { text: 'Pertemuan dengan keluarga besar tentang siapa yang merawat korban sehari-hari.', when: 'child' },
  ],
  other: [
    'Mengurus surat keterangan tidak mampu di kantor desa.',
    'Membantu korban mengurus kartu identitas dan kartu keluarga.',
    'Mengurus kartu BPJS Kesehatan korban di kantor desa.',
  ],
};

/** The accompaniment on the day a stage of the justice pathway happened. */
export const JUSTICE_STAGE_FOLLOW_UPS: Record<
  string,
  | { type: 'accompaniment_police' | 'accompaniment_health' | 'accompaniment_court'; notes: string; nextAction: string }
  | undefined
> = {
  police_report: {
    type: 'accompaniment_police',
    notes: 'Mendampingi korban membuat laporan di Unit PPA. Laporan diterima dan korban dimintai keterangan awal.',
    nextAction: 'Dampingi pemeriksaan lanjutan di kepolisian.',
  },
  visum_et_repertum: {
    type: 'accompaniment_health',
    notes: 'Mendampingi korban pemeriksaan visum et repertum di rumah sakit atas permintaan penyidik.',
    nextAction: 'Tanyakan hasil visum ke penyidik.',
  },
  bap: {
    type: 'accompaniment_police',
    notes: 'Mendampingi korban pemeriksaan (BAP) di Unit PPA.',
    nextAction: 'Tanyakan perkembangan penyidikan ke Unit PPA.',
  },
  p21: undefined,
  trial: {
    type: 'accompaniment_court',
    notes: 'Mendampingi korban pada sidang pemeriksaan saksi.',
    nextAction: 'Dampingi korban pada sidang berikutnya.',
  },
  verdict: {
    type: 'accompaniment_court',
    notes: 'Mendampingi keluarga korban mendengarkan putusan.',
    nextAction: 'Jelaskan isi putusan kepada korban dan keluarga.',
  },
  restitution_lpsk: undefined,
};

export const NEXT_ACTIONS: Record<string, readonly string[]> = {
  home_visit: ['Kunjungan rumah berikutnya.', 'Cek keamanan korban dan keluarganya.'],
  phone_call: ['Telepon korban pada waktu aman.', 'Pastikan korban dalam keadaan aman.'],
  accompaniment_police: ['Tanyakan perkembangan laporan ke Unit PPA.'],
  accompaniment_court: ['Dampingi korban pada sidang berikutnya.'],
  accompaniment_health: ['Dampingi kontrol kesehatan berikutnya.', 'Ambil hasil pemeriksaan di puskesmas.'],
  counselling: ['Sesi konseling lanjutan.', 'Rujuk ke psikolog bila gejala berlanjut.'],
  family_mediation: ['Pantau kesepakatan keluarga.'],
  other: ['Ambil surat yang sudah selesai di kantor desa.', 'Lengkapi dokumen kependudukan korban.'],
};

/** One text among those that fit the case. */
export function fitting(
  pick: <T>(items: readonly T[]) => T,
  texts: readonly CaseText[],
  contexts: ReadonlySet<TextContext>,
): string {
  const fit = texts.filter((text) => typeof text === 'string' || contexts.has(text.when));
  if (fit.length === 0)
    throw new Error(`No text fits a case with ${[...contexts].join(', ')}: ${JSON.stringify(texts[0])}`);
  const chosen = pick(fit);
  return typeof chosen === 'string' ? chosen : chosen.text;
}
