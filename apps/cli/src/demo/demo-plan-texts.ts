import type { DemoRandom } from './demo-random';

/*
 * Words for the demo work plans: what a companion group in Kabupaten Kupang or Timor Tengah
 * Selatan writes in its plan and its activity reports, in Indonesian. Reports speak of places,
 * roles and numbers, never of persons: no survivor, participant or official is named, and a case
 * is only ever counted.
 */

export const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;
const QUARTERS = ['I', 'II', 'III', 'IV'] as const;

export interface Participants {
  women: number;
  men: number;
  girls: number;
  boys: number;
  disability: number;
}

/** What a text may say about the place: a kelurahan has a lurah, an LPM and lingkungan where a desa has a kepala desa, a BPD and dusun. */
export interface PlanPlace {
  regionCode: string;
  village: string;
  group: string;
  kelurahan: boolean;
  /** "desa" or "kelurahan". */
  desa: string;
  /** "Desa Baumata", "Kelurahan Oesao". */
  Desa: string;
  head: string;
  council: string;
  fund: string;
  budgetDoc: string;
  planning: string;
  hamlet: string;
  church: string;
  /** Where Muslim women of the village meet, where there are many. */
  mosque?: string;
  posyandu: string;
  school: string;
  puskesmas: string;
  kabupaten: string;
  /** The demo region (the coordinator's), the regency's seat, and the market the village sells at. */
  regionName: string;
  seat: string;
  market: string;
  uptd: string;
  police: string;
  legalAid: string;
  socialServices: string;
  adat: string;
  /** The language sessions are (partly) held in, besides Indonesian. */
  language?: string;
  harvest: string;
  harvestMonths: readonly number[];
  /** The group's own meeting place. */
  meetingPlace: string;
  economy: EconomyKind;
}

export type EconomyKind = 'savings' | 'weaving' | 'moringa' | 'garden';

interface VillageSetting {
  church: string;
  mosque?: string;
  posyandu: string;
  school: string;
  puskesmas: string;
  harvest: string;
  harvestMonths: number[];
  meetingPlace: string;
  economy: EconomyKind;
}

/** Congregations, posyandu and schools are common names, not particular real ones. */
export const VILLAGE_SETTINGS: Record<string, VillageSetting> = {
  Oesao: {
    church: 'Jemaat GMIT Imanuel',
    posyandu: 'Posyandu Kenanga',
    school: 'SMP Kristen Oesao',
    puskesmas: 'Puskesmas Oesao',
    harvest: 'panen padi',
    harvestMonths: [3, 4, 8],
    meetingPlace: 'aula kantor kelurahan',
    economy: 'savings',
  },
  Baumata: {
    church: 'Jemaat GMIT Betania',
    posyandu: 'Posyandu Mawar',
    school: 'SMP Negeri Satu Atap Baumata',
    puskesmas: 'Puskesmas Baumata',
    harvest: 'panen jagung',
    harvestMonths: [3, 4],
    meetingPlace: 'rumah ketua kelompok',
    economy: 'moringa',
  },
  Noelbaki: {
    church: 'Jemaat GMIT Siloam',
    posyandu: 'Posyandu Anggrek',
    school: 'SMP Negeri Noelbaki',
    puskesmas: 'Puskesmas Tarus',
    harvest: 'panen padi',
    harvestMonths: [3, 4, 8],
    meetingPlace: 'balai desa',
    economy: 'garden',
  },
  Tarus: {
    church: 'Jemaat GMIT Efata',
    mosque: 'majelis taklim ibu-ibu di masjid kampung',
    posyandu: 'Posyandu Melati',
    school: 'SMP Negeri Tarus',
    puskesmas: 'Puskesmas Tarus',
    harvest: 'panen padi',
    harvestMonths: [3, 4, 8],
    meetingPlace: 'rumah ketua kelompok',
    economy: 'savings',
  },
  Kuatae: {
    church: 'Jemaat GMIT Elim',
    posyandu: 'Posyandu Cempaka',
    school: 'SMP Negeri Kuatae',
    puskesmas: 'Puskesmas Kota SoE',
    harvest: 'panen jagung',
    harvestMonths: [3, 4],
    meetingPlace: 'aula kantor kelurahan',
    economy: 'savings',
  },
  Oinlasi: {
    church: 'Jemaat GMIT Pniel',
    posyandu: 'Posyandu Flamboyan',
    school: 'SMP Negeri Oinlasi',
    puskesmas: 'Puskesmas Oinlasi',
    harvest: 'panen jagung',
    harvestMonths: [3, 4],
    meetingPlace: 'lopo kelompok',
    economy: 'savings',
  },
  Nule: {
    church: 'Jemaat GMIT Getsemani',
    posyandu: 'Posyandu Bougenvil',
    school: 'SMP Negeri Satu Atap Nule',
    puskesmas: 'pustu Nule',
    harvest: 'panen jagung',
    harvestMonths: [3, 4],
    meetingPlace: 'rumah tenun kelompok',
    economy: 'weaving',
  },
  Kesetnana: {
    church: 'Jemaat GMIT Sion',
    posyandu: 'Posyandu Teratai',
    school: 'SMP Negeri Satu Atap Kesetnana',
    puskesmas: 'pustu Kesetnana',
    harvest: 'panen jagung',
    harvestMonths: [3, 4],
    meetingPlace: 'balai desa',
    economy: 'moringa',
  },
};

/** What a report's texts are written from. */
export interface ActivityContext {
  place: PlanPlace;
  year: number;
  month: number;
  date: string;
  /** This report's number within its item (1-based), and the item's target count. */
  n: number;
  of: number;
  p: Participants;
  r: DemoRandom;
  /** Running figures of the item (a savings balance, cloth sold), carried from report to report. */
  series: Record<string, number>;
  /** For a quarterly case recap: what the demo cases of the group came to in the quarter. */
  stats?: QuarterStats;
}

export interface QuarterStats {
  quarter: number;
  newCases: number;
  kdrt: number;
  childSexual: number;
  childOther: number;
  other: number;
  referrals: number;
  /** Referrals by service, most first, as "puskesmas/rumah sakit (3)". */
  referralKinds: string[];
  closed: number;
  ongoing: number;
}

export type Text = (c: ActivityContext) => string;
export type Fitted = Text | { text: Text; when: (c: ActivityContext) => boolean };

export interface ActivityTexts {
  summary: readonly Text[];
  results: readonly Fitted[];
  obstacles: readonly Fitted[];
  lessons: readonly Fitted[];
}

// --- helpers --------------------------------------------------------------------------------

export const rupiah = (amount: number) => `Rp ${Math.round(amount).toLocaleString('de-DE')}`;
const M = (c: ActivityContext) => MONTHS[c.month - 1];
const total = (p: Participants) => p.women + p.men + p.girls + p.boys;

/** "34 orang (20 perempuan, 8 laki-laki, 6 anak perempuan; 1 penyandang disabilitas)". */
export function peserta(p: Participants): string {
  const parts = [
    [p.women, 'perempuan dewasa'],
    [p.men, 'laki-laki dewasa'],
    [p.girls, 'anak perempuan'],
    [p.boys, 'anak laki-laki'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, label]) => `${count} ${label}`);
  const disability = p.disability > 0 ? `; ${p.disability} penyandang disabilitas` : '';
  return `${total(p)} orang (${parts.join(', ')}${disability})`;
}

const hour = (c: ActivityContext) => c.r.pick(['09.00', '10.00', '14.00', '15.00', '15.30', '16.00']);
const when = (text: Text, test: (c: ActivityContext) => boolean): Fitted => ({ text, when: test });
const rainy = (c: ActivityContext) => [1, 2, 3, 11, 12].includes(c.month);
const dry = (c: ActivityContext) => [8, 9, 10].includes(c.month);
const harvest = (c: ActivityContext) => c.place.harvestMonths.includes(c.month);
const fewMen = (c: ActivityContext) => c.p.men * 4 < c.p.women && c.p.women > 8;
const hamletNo = (c: ActivityContext) => `${c.place.hamlet} ${c.r.pick(['II', 'III', 'IV'])}`;

/** Obstacles any activity may meet, by season and place. */
export const GENERAL_OBSTACLES: readonly Fitted[] = [
  when(
    (c) =>
      `Hujan deras sejak siang dan jalan tanah ke ${hamletNo(c)} licin dan berlumpur; peserta dari sana banyak yang tidak bisa datang.`,
    rainy,
  ),
  when(
    (c) =>
      `Jalan ke ${c.place.Desa} rusak di beberapa titik setelah hujan; fasilitator dari kota terlambat hampir satu jam.`,
    rainy,
  ),
  when(
    (c) =>
      `Bertepatan dengan musim ${c.place.harvest}: banyak ibu masih di kebun, sehingga kegiatan baru bisa dimulai sore hari.`,
    harvest,
  ),
  when(
    () => `Musim kemarau, ibu-ibu harus antre air di sumur bor dan mata air; beberapa anggota datang terlambat.`,
    dry,
  ),
  (c) =>
    `Ada kedukaan di ${hamletNo(c)}; sebagian warga pergi melayat sehingga peserta lebih sedikit dari yang diundang.`,
  when(
    (c) => `Peserta laki-laki sedikit (${c.p.men} orang); para bapak umumnya menganggap kegiatan ini urusan ibu-ibu.`,
    fewMen,
  ),
  (c) =>
    `Bertabrakan dengan jadwal penyaluran ${c.place.kelurahan ? 'bantuan sosial' : 'BLT dana desa'} di kantor ${c.place.desa}, sehingga kegiatan dimundurkan dua jam.`,
  () =>
    'Listrik padam sejak pagi; materi yang disiapkan di laptop tidak bisa ditayangkan dan disampaikan dengan kertas plano.',
  () =>
    'Sinyal telepon lemah, sehingga undangan lewat grup WhatsApp tidak sampai ke semua anggota; sebagian diundang dari rumah ke rumah.',
  when(
    (c) =>
      `Sebagian ibu lanjut usia kurang lancar berbahasa Indonesia; materi perlu diulang dalam ${c.place.language}.`,
    (c) => c.place.language !== undefined,
  ),
  () => 'Konsumsi terbatas karena dana kegiatan belum cair; kekurangan ditutup dari kas kelompok.',
];

/** Lessons any activity may teach. */
export const GENERAL_LESSONS: readonly Fitted[] = [
  () => 'Undangan yang diumumkan di gereja hari Minggu sebelumnya jauh lebih efektif daripada undangan tertulis.',
  () =>
    'Libatkan tokoh agama sejak perencanaan, bukan hanya sebagai pembicara: warga lebih mau datang kalau pendeta ikut mengundang.',
  (c) => `Jadwalkan kegiatan setelah ${c.place.harvest} dan di sore hari, ketika ibu-ibu sudah pulang dari kebun.`,
  () =>
    'Sediakan tempat dan pendamping untuk anak-anak yang dibawa ibunya, supaya ibu bisa mengikuti materi dengan tenang.',
  when(
    (c) =>
      `Materi yang disampaikan dalam ${c.place.language} oleh anggota kelompok sendiri lebih mudah dipahami ibu-ibu lanjut usia.`,
    (c) => c.place.language !== undefined,
  ),
  () => 'Cerita rekaan atau drama pendek membuat peserta lebih berani berdiskusi daripada ceramah.',
  () =>
    'Nomor telepon pendamping dan layanan SAPA 129 perlu selalu dibagikan di akhir kegiatan; beberapa peserta menyimpannya untuk tetangga.',
  () => 'Daftar hadir perlu mencatat penyandang disabilitas sejak awal, bukan ditanyakan di akhir.',
];

// --- the activities -------------------------------------------------------------------------

const MONTHLY_AGENDA: Record<number, readonly Text[]> = {
  1: [
    () =>
      'penyusunan jadwal kegiatan tahun ini berdasarkan rencana kerja dan pembagian penanggung jawab setiap kegiatan',
    () => 'evaluasi kegiatan tahun lalu dan pembaruan daftar anggota',
  ],
  2: [
    (c) => `persiapan penyuluhan pertama dan pembagian undangan per ${c.place.hamlet}`,
    () => 'kasus yang sedang didampingi (tanpa menyebut nama) dan kebutuhan biaya transport rujukan',
  ],
  3: [
    () =>
      'latihan ulang cara menerima pengaduan: mendengar tanpa menghakimi, mencatat seperlunya, dan menjaga kerahasiaan',
    (c) => `persiapan audiensi dengan ${c.place.head}`,
  ],
  4: [
    () => 'persiapan peringatan Hari Kartini dan pengawasan anak selama libur Paskah',
    () => 'rekap kasus triwulan I dan kendala rujukan ke layanan',
  ],
  5: [
    (c) => `hasil pertemuan dengan ${c.place.head} dan langkah berikutnya`,
    () => 'pengalaman anggota mendampingi korban ke puskesmas dan Unit PPA',
  ],
  6: [
    () => 'evaluasi setengah tahun rencana kerja',
    () => 'pengawasan anak selama libur sekolah dan bahaya ajakan kerja ke luar daerah',
  ],
  7: [
    () => 'persiapan kegiatan Hari Anak Nasional 23 Juli',
    (c) => `anak-anak putus sekolah di ${c.place.Desa} dan cara membantu pendaftaran ulang`,
  ],
  8: [
    () => 'keikutsertaan kelompok dalam perayaan HUT RI',
    () => 'beban kerja perempuan selama kemarau (mengambil air, menjaga ternak) dan pembagian kerja dengan suami',
  ],
  9: [() => 'rekap kasus triwulan III dan kendala rujukan', (c) => `usulan kelompok untuk ${c.place.planning}`],
  10: [
    () => 'persiapan kampanye 16 Hari Anti Kekerasan terhadap Perempuan: tema, tempat, dan pembagian tugas',
    () => 'latihan drama pendek untuk kampanye',
  ],
  11: [
    () => 'pembagian tugas kampanye 16 hari dan pembuatan spanduk',
    () => 'kerahasiaan data kasus dan penyimpanan buku catatan kelompok',
  ],
  12: [
    () => 'refleksi akhir tahun: apa yang berhasil dan apa yang belum, sebagai bahan rencana kerja tahun depan',
    () => 'ibadah syukur akhir tahun dan pembagian tugas selama libur Natal',
  ],
};

const kas = (c: ActivityContext) => {
  const before = c.series.kas ?? c.r.int(6, 18) * 50_000;
  const dues = c.p.women * 5_000;
  c.series.kas = before + dues - (c.n % 3 === 0 ? c.r.int(2, 5) * 50_000 : 0);
  return c.series.kas;
};

const MONTHLY_MEETING: ActivityTexts = {
  summary: [
    (c) =>
      `Pertemuan rutin bulan ${M(c)} di ${c.place.meetingPlace}. Hadir ${peserta(c.p)}. Agenda: ${c.r.pick(MONTHLY_AGENDA[c.month])(c)}.`,
    (c) =>
      `Pertemuan bulanan kelompok dimulai pukul ${hour(c)} WITA di ${c.place.meetingPlace} dengan doa pembukaan. Pembahasan utama: ${c.r.pick(MONTHLY_AGENDA[c.month])(c)}. Jumlah hadir ${peserta(c.p)}.`,
    (c) =>
      `Pertemuan anggota bulan ${M(c)}. Ketua kelompok menyampaikan kegiatan bulan lalu, lalu dibahas ${c.r.pick(MONTHLY_AGENDA[c.month])(c)}. Iuran kas Rp 5.000 per anggota dikumpulkan. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    () => 'Disepakati pembagian tugas untuk kegiatan bulan depan; notulen dibacakan dan disetujui anggota.',
    (c) => `Kas kelompok sekarang ${rupiah(kas(c))}, dicatat di buku kas dan diperiksa bendahara bersama dua anggota.`,
    (c) =>
      `${c.r.int(1, 3)} anggota baru dari ${hamletNo(c)} bergabung dan diperkenalkan pada aturan kelompok, termasuk kewajiban menjaga kerahasiaan.`,
    () =>
      'Anggota yang baru pertama kali mendampingi kasus berbagi pengalaman; kelompok sepakat pendamping tidak datang sendirian ke rumah pelaku.',
    () => 'Jadwal piket penerimaan pengaduan di rumah ketua kelompok diperbarui untuk tiga bulan ke depan.',
    () => 'Kelompok memutuskan menyisihkan sebagian kas untuk dana darurat transport korban ke layanan.',
  ],
  obstacles: [
    () => 'Beberapa anggota tidak hadir karena mengikuti kegiatan PKK di kecamatan pada hari yang sama.',
    () => 'Anggota yang membawa anak kecil cukup banyak, suasana pertemuan agak ramai.',
    () =>
      'Dua pengurus sedang merantau sementara ke Kupang untuk bekerja, sehingga tugasnya dialihkan ke anggota lain.',
  ],
  lessons: [
    () => 'Pertemuan sore setelah anggota pulang dari kebun lebih banyak dihadiri daripada pertemuan pagi.',
    () => 'Notulen singkat yang dibacakan di awal pertemuan membantu anggota yang tidak hadir bulan lalu.',
    () => 'Tugas yang dibagi bergilir membuat semua anggota merasa memiliki kegiatan kelompok.',
  ],
};

const CHURCH_TOPICS: readonly Text[] = [
  () =>
    'pengertian kekerasan dalam rumah tangga dan bentuk-bentuknya (fisik, psikis, seksual, penelantaran) menurut UU No. 23 Tahun 2004',
  () =>
    'kekerasan seksual terhadap anak, tanda-tanda anak yang mengalami kekerasan, dan hak korban menurut UU TPKS No. 12 Tahun 2022',
  () => 'relasi yang setara antara suami dan istri serta peran ayah dalam pengasuhan anak',
  (c) => `alur pengaduan: dari kelompok dampingan ke ${c.place.uptd}, ${c.place.police}, dan layanan SAPA 129`,
  () => 'minuman keras (sopi) dan kekerasan dalam rumah tangga',
  () => 'penelantaran ekonomi oleh suami yang merantau dan hak istri serta anak atas nafkah',
];
const churchVenue = (c: ActivityContext) =>
  c.place.mosque && c.n % 2 === 0 ? c.place.mosque : `${c.place.church} ${c.place.village}`;
const churchOpening = (c: ActivityContext) =>
  c.place.mosque && c.n % 2 === 0 ? 'setelah pengajian rutin' : 'setelah ibadah Minggu';
const speaker = (c: ActivityContext) =>
  c.r.pick(['ibu pendeta', 'penatua jemaat', 'bidan desa', `petugas ${c.place.uptd}`, 'Bhabinkamtibmas']);

const CHURCH_SESSION: ActivityTexts = {
  summary: [
    (c) =>
      `Penyuluhan ke-${c.n} dilaksanakan di ${churchVenue(c)} ${churchOpening(c)}. Materi tentang ${CHURCH_TOPICS[(c.n - 1) % CHURCH_TOPICS.length](c)} dibawakan pendamping bersama ${speaker(c)}. Hadir ${peserta(c.p)}.`,
    (c) =>
      `Sesi penyuluhan ${churchOpening(c)} di ${churchVenue(c)}. Pendamping menjelaskan ${CHURCH_TOPICS[(c.n - 1) % CHURCH_TOPICS.length](c)}, lalu peserta dibagi dalam kelompok kecil membahas satu cerita rekaan. Peserta: ${peserta(c.p)}.`,
    (c) =>
      `Bekerja sama dengan majelis jemaat, kelompok mengisi waktu sekitar 45 menit ${churchOpening(c)} di ${churchVenue(c)} dengan penyuluhan tentang ${CHURCH_TOPICS[(c.n - 1) % CHURCH_TOPICS.length](c)}. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Peserta dapat menyebutkan empat bentuk KDRT dan tahu ke mana melapor. Majelis jemaat setuju ringkasan materi dimuat dalam warta jemaat minggu depan.',
    () =>
      'Setelah sesi, dua peserta meminta waktu bicara dengan pendamping secara pribadi; pendamping mencatat dan menindaklanjuti sesuai prosedur pengaduan kelompok, tanpa membukanya di forum.',
    () => 'Nomor telepon pendamping dan nomor SAPA 129 ditempel di papan pengumuman gereja.',
    () => 'Pendeta bersedia menyinggung isu kekerasan dalam rumah tangga dalam khotbah bulan keluarga.',
    (c) =>
      `Peserta banyak bertanya tentang ${c.r.pick(['apakah KDRT bisa diselesaikan secara adat', 'biaya visum', 'apa yang terjadi kalau suami dilaporkan ke polisi', 'cara melindungi anak dari orang dekat'])}; pertanyaan dijawab bersama narasumber.`,
    () =>
      'Beberapa bapak yang hadir mengakui baru tahu bahwa membentak dan mengancam istri juga termasuk kekerasan psikis.',
  ],
  obstacles: [
    () => 'Waktu setelah ibadah terbatas karena ada rapat majelis, sehingga sesi tanya jawab dipersingkat.',
    () => 'Sebagian jemaat langsung pulang setelah ibadah; hanya sekitar separuh yang tinggal mengikuti penyuluhan.',
    (c) =>
      `${c.place.adat[0].toUpperCase()}${c.place.adat.slice(1)} yang hadir berpendapat masalah rumah tangga cukup diselesaikan dalam keluarga; diskusi menjadi panjang.`,
  ],
  lessons: [
    () => 'Penyuluhan yang dibuka oleh pendeta membuat bapak-bapak mau tinggal dan mendengarkan.',
    () =>
      'Materi singkat (30-45 menit) dengan satu cerita lebih diterima daripada penjelasan pasal-pasal undang-undang.',
    () => 'Perlu ada anggota perempuan dan laki-laki di antara penyaji, supaya bapak-bapak tidak merasa disudutkan.',
  ],
};

const PARENTING_TOPICS = [
  'mendisiplinkan anak tanpa pukulan dan bentakan',
  'tumbuh kembang anak dan pencegahan stunting',
  'mengajarkan anak bagian tubuh yang tidak boleh disentuh orang lain',
  'peran ayah dalam pengasuhan sehari-hari',
  'akta kelahiran dan hak anak atas identitas',
  'bahaya gawai dan konten dewasa bagi anak',
] as const;

const POSYANDU_PARENTING: ActivityTexts = {
  summary: [
    (c) =>
      `Kelas pengasuhan di ${c.place.posyandu} pada hari penimbangan balita. Sambil menunggu giliran, ibu-ibu mengikuti materi tentang ${PARENTING_TOPICS[(c.n - 1) % PARENTING_TOPICS.length]} bersama kader posyandu dan bidan desa. Hadir ${peserta(c.p)}.`,
    (c) =>
      `Sesi parenting ke-${c.n} di ${c.place.posyandu}. Pendamping memakai gambar dan kartu cerita untuk membahas ${PARENTING_TOPICS[(c.n - 1) % PARENTING_TOPICS.length]}. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Ibu-ibu berbagi cara menenangkan anak tanpa memukul; kader mencatat beberapa cara yang bisa diajarkan lagi bulan depan.',
    () => 'Bidan desa setuju menyediakan waktu 20 menit di setiap posyandu untuk materi pengasuhan.',
    () =>
      'Tiga ibu menanyakan cara mengurus akta kelahiran anak; kelompok akan membantu menghubungkan dengan petugas Dukcapil.',
    () => 'Peserta berlatih mengajarkan lagu tentang sentuhan aman dan tidak aman kepada anak balita.',
  ],
  obstacles: [
    () => 'Ruang posyandu sempit dan ramai oleh anak-anak; materi disampaikan di bawah pohon di halaman.',
    () => 'Hampir tidak ada bapak yang datang ke posyandu, padahal materi juga ditujukan untuk ayah.',
  ],
  lessons: [
    () => 'Menggabungkan kelas pengasuhan dengan hari posyandu menghemat waktu ibu-ibu dan meningkatkan kehadiran.',
    () => 'Kader posyandu adalah mitra penting: mereka mengenal semua keluarga yang punya balita.',
  ],
};

const SCHOOL_REPRODUCTIVE: ActivityTexts = {
  summary: [
    (c) =>
      `Penyuluhan kesehatan reproduksi dan pencegahan kekerasan seksual untuk siswa kelas ${c.r.pick(['VII', 'VIII', 'IX'])} di ${c.place.school}, bersama petugas PKPR ${c.place.puskesmas}. Peserta: ${peserta(c.p)}.`,
    (c) =>
      `Sesi ke-${c.n} di ${c.place.school}. Siswa laki-laki dan perempuan dipisah untuk materi pubertas, lalu digabung untuk membahas pacaran sehat, ajakan lewat media sosial, dan cara meminta tolong. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Siswa dapat menyebutkan orang dewasa yang bisa dipercaya di sekolah dan di rumah. Guru BK bersedia menjadi kontak pengaduan di sekolah.',
    () =>
      'Kotak pertanyaan tanpa nama diisi 40-an kertas; pertanyaan terbanyak tentang menstruasi dan pacaran. Jawaban dibahas bersama petugas puskesmas.',
    () => 'Kepala sekolah setuju materi pencegahan kekerasan dimasukkan dalam kegiatan MPLS siswa baru.',
    () => 'Siswa membuat poster tentang pacaran sehat yang ditempel di mading sekolah.',
  ],
  obstacles: [
    () => 'Waktu yang diberikan sekolah hanya dua jam pelajaran karena bertepatan dengan persiapan ujian.',
    () => 'Beberapa guru masih menganggap materi kesehatan reproduksi tabu untuk siswa SMP.',
    () => 'Siswa laki-laki awalnya malu dan bercanda; suasana baru tenang setelah dipisah dalam kelompok kecil.',
  ],
  lessons: [
    () => 'Kotak pertanyaan tanpa nama membuat siswa berani bertanya hal yang tidak mungkin ditanyakan di depan kelas.',
    () => 'Libatkan guru BK sejak persiapan supaya ada tindak lanjut di sekolah setelah penyuluhan.',
  ],
};

const CHILD_MARRIAGE_TPPO: ActivityTexts = {
  summary: [
    (c) =>
      `Sosialisasi pencegahan perkawinan anak dan perdagangan orang (TPPO) untuk remaja dan orang tua di ${c.place.meetingPlace}. Narasumber dari ${c.place.uptd} menjelaskan batas usia perkawinan 19 tahun dan modus perekrutan kerja ke Malaysia tanpa dokumen resmi. Hadir ${peserta(c.p)}.`,
    (c) =>
      `Sesi ke-${c.n} sosialisasi TPPO dan perkawinan anak di ${c.place.Desa}. Pendamping memutar video pendek tentang calo tenaga kerja, lalu peserta berdiskusi tentang tawaran kerja yang pernah mereka dengar. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Peserta tahu syarat bekerja ke luar negeri secara resmi: usia minimal 18 tahun, dokumen lengkap, dan melalui perusahaan yang terdaftar di BP3MI NTT.',
    (c) =>
      `${c.place.head[0].toUpperCase()}${c.place.head.slice(1)} berjanji tidak menerbitkan surat keterangan untuk warga yang hendak berangkat kerja tanpa dokumen resmi.`,
    () =>
      'Orang tua sepakat melapor ke kelompok bila ada orang luar yang menawarkan pekerjaan kepada anak perempuan mereka.',
    () => 'Remaja membuat daftar tanda-tanda tawaran kerja palsu dan menempelnya di kios dan pangkalan ojek.',
  ],
  obstacles: [
    () =>
      'Sebagian orang tua masih menganggap menikahkan anak yang hamil adalah jalan keluar terbaik demi nama baik keluarga.',
    () => 'Remaja laki-laki banyak yang sudah berangkat kerja ke Kalimantan, sehingga pesertanya sedikit.',
  ],
  lessons: [
    () =>
      'Cerita nyata (tanpa nama) dari keluarga yang anaknya pulang dari Malaysia dalam keadaan sakit lebih menyentuh daripada angka statistik.',
    (c) =>
      `Ajak pemerintah ${c.place.desa} sejak awal, karena surat keterangan dari ${c.place.desa} sering dipakai calo.`,
  ],
};

const CAMPAIGN_16_DAYS: ActivityTexts = {
  summary: [
    (c) =>
      c.month === 11
        ? `Pembukaan kampanye 16 Hari Anti Kekerasan terhadap Perempuan: jalan santai dari kantor ${c.place.desa} ke ${c.place.church} ${c.place.village}, pemasangan spanduk di tiga titik, dan pembagian stiker nomor pengaduan. Peserta: ${peserta(c.p)}.`
        : `Penutupan kampanye 16 hari pada peringatan Hari HAM: lomba baca puisi anak dan drama pendek tentang KDRT oleh anggota kelompok di ${c.place.meetingPlace}, dilanjutkan pernyataan sikap bersama. Hadir ${peserta(c.p)}.`,
    (c) =>
      c.month === 11
        ? `Kampanye 16 hari dibuka dengan ibadah bersama di ${c.place.church} ${c.place.village}; khotbah tentang keluarga tanpa kekerasan, lalu pita oranye dibagikan kepada jemaat. Hadir ${peserta(c.p)}.`
        : `Kelompok bersama pemerintah ${c.place.desa} menutup kampanye 16 hari dengan dialog warga di ${c.place.meetingPlace} tentang layanan bagi korban. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    (c) =>
      `${c.place.head[0].toUpperCase()}${c.place.head.slice(1)} membacakan komitmen ${c.place.desa} untuk menolak kekerasan terhadap perempuan dan anak.`,
    () => 'Sekitar 300 stiker dan 150 leaflet berisi nomor pengaduan kelompok dan SAPA 129 habis dibagikan.',
    () => 'Anak-anak sekolah minggu ikut menampilkan lagu dan puisi; banyak orang tua datang menonton.',
    (c) => `Spanduk kampanye tetap dipasang di depan kantor ${c.place.desa} sampai akhir Desember.`,
  ],
  obstacles: [
    () => 'Hujan turun di tengah acara; sebagian kegiatan dipindah ke dalam gereja.',
    () => 'Sound system pinjaman dari gereja rusak; acara memakai pengeras suara kecil milik sekolah.',
    () => 'Bertepatan dengan persiapan Natal, sehingga sebagian warga sibuk latihan paduan suara.',
  ],
  lessons: [
    () => 'Kampanye yang digabung dengan ibadah atau acara anak lebih ramai daripada acara yang berdiri sendiri.',
    () => 'Spanduk dan stiker perlu dipesan sejak Oktober; percetakan di kota penuh pesanan menjelang Natal.',
  ],
};

const CAMPAIGN_CHILDREN: ActivityTexts = {
  summary: [
    (c) =>
      c.month === 7
        ? `Peringatan Hari Anak Nasional di ${c.place.Desa}: lomba menggambar dan bercerita bertema "Anak terlindungi, anak gembira", serta pesan singkat kepada orang tua tentang pengasuhan tanpa kekerasan. Peserta: ${peserta(c.p)}.`
        : `Kelompok ikut meramaikan perayaan HUT RI dengan stan informasi perlindungan anak dan lomba yel-yel anti kekerasan antar-${c.place.hamlet}. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    (c) => `Gambar-gambar anak dipajang di kantor ${c.place.desa} selama satu bulan.`,
    () => 'Stan informasi dikunjungi banyak orang tua; 80 leaflet tentang pengasuhan dibagikan.',
    () => 'Guru dan orang tua meminta kegiatan serupa diadakan lagi tahun depan.',
  ],
  obstacles: [
    (c) => `Hadiah lomba terbatas; kelompok meminta sumbangan dari kios-kios di ${c.place.desa}.`,
    () => 'Panas terik siang hari; acara digeser ke sore.',
  ],
  lessons: [
    () => 'Anak-anak adalah jalan masuk yang baik untuk menjangkau orang tua yang tidak pernah datang ke penyuluhan.',
  ],
};

const serviceWord = (c: ActivityContext) =>
  c.stats!.referralKinds.length > 0 ? ` (${c.stats!.referralKinds.join(', ')})` : '';

function caseBreakdown(stats: QuarterStats): string {
  const parts = [
    [stats.kdrt, 'KDRT'],
    [stats.childSexual, 'kekerasan seksual terhadap anak'],
    [stats.childOther, 'kekerasan lain terhadap anak'],
    [stats.other, 'lainnya'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, label]) => `${count} ${label}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

const CASE_RECAP: ActivityTexts = {
  summary: [
    (c) => {
      const s = c.stats!;
      const range = `${MONTHS[(s.quarter - 1) * 3]}-${MONTHS[(s.quarter - 1) * 3 + 2]}`;
      const incoming =
        s.newCases === 0
          ? 'Tidak ada pengaduan baru'
          : `Pengaduan baru yang diterima kelompok: ${s.newCases}${caseBreakdown(s)}`;
      return `Rekap penanganan kasus triwulan ${QUARTERS[s.quarter - 1]} (${range} ${c.year}). ${incoming}. Rujukan yang dibuat: ${s.referrals}${serviceWord(c)}. Kasus ditutup: ${s.closed}; masih didampingi pada akhir triwulan: ${s.ongoing}. Rekap dibuat dari catatan kasus, tanpa identitas korban.`;
    },
  ],
  results: [
    (c) =>
      `Rekap diserahkan kepada koordinator wilayah ${c.place.regionName} dan dibahas dalam pertemuan bulanan kelompok tanpa menyebut nama.`,
    () => 'Kasus yang lebih dari sebulan tidak dikunjungi ditandai dan dibagi ulang di antara pendamping.',
    (c) =>
      `Angka triwulan ini dipakai sebagai bahan audiensi dengan ${c.place.head} tentang kebutuhan biaya pendampingan.`,
    () => 'Semua catatan kasus sudah dipindahkan dari buku tulis ke aplikasi pencatatan lembaga.',
  ],
  obstacles: [
    when(
      () =>
        'Biaya visum et repertum masih dibebankan kepada keluarga korban; dua keluarga sempat ragu melanjutkan laporan.',
      (c) => c.stats!.childSexual > 0,
    ),
    when(
      () =>
        'Keluarga pelaku meminta kasus kekerasan seksual terhadap anak diselesaikan secara adat; pendamping menjelaskan bahwa menurut UU TPKS kasus itu tidak boleh didamaikan.',
      (c) => c.stats!.childSexual > 0,
    ),
    (c) => `Jarak ke ${c.place.police} jauh; sekali pendampingan butuh ongkos ojek pergi-pulang sekitar Rp 150.000.`,
    () =>
      'Beberapa korban sulit dihubungi karena tidak punya telepon sendiri; kunjungan harus diatur lewat anggota kelompok yang tinggal dekat.',
    when(
      () =>
        'Petugas Unit PPA berganti karena mutasi, sehingga pendamping harus menjelaskan ulang perkembangan kasus yang sedang berjalan.',
      (c) => c.stats!.referrals > 0,
    ),
  ],
  lessons: [
    () => 'Rekap per triwulan membantu kelompok melihat kasus yang terlalu lama tidak ditindaklanjuti.',
    () =>
      'Kunjungan rumah sebaiknya dilakukan berdua dan dengan alasan yang wajar di mata tetangga, supaya korban tidak menjadi bahan omongan.',
    () => 'Hubungan baik dengan petugas puskesmas mempercepat pemeriksaan korban.',
  ],
};

const PARALEGAL_TOPICS = [
  'prinsip pendampingan korban: kerahasiaan, persetujuan, dan keselamatan',
  'langkah hukum: laporan polisi, visum et repertum, BAP, dan hak korban menurut UU TPKS',
  'konseling awal, rencana keselamatan, dan rujukan ke layanan',
] as const;

const PARALEGAL_TRAINING: ActivityTexts = {
  summary: [
    (c) =>
      `Pelatihan paralegal komunitas sesi ${c.n} di ${c.place.meetingPlace}, difasilitasi ${c.place.legalAid}. Materi: ${PARALEGAL_TOPICS[(c.n - 1) % PARALEGAL_TOPICS.length]}. Peserta: ${peserta(c.p)}.`,
    (c) =>
      `Sesi ke-${c.n} pelatihan paralegal bagi anggota kelompok. Fasilitator dari ${c.place.legalAid} membahas ${PARALEGAL_TOPICS[(c.n - 1) % PARALEGAL_TOPICS.length]}, dilanjutkan bermain peran menerima pengaduan. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    () => 'Peserta berlatih mengisi formulir pengaduan dan rencana keselamatan dengan contoh kasus rekaan.',
    () =>
      'Hasil tes akhir menunjukkan sebagian besar peserta memahami perbedaan laporan polisi dan pengaduan ke UPTD PPA.',
    () => 'Disepakati empat anggota menjadi paralegal yang piket bergiliran menerima pengaduan.',
  ],
  obstacles: [
    () => 'Materi hukum acara cukup berat bagi peserta yang tidak tamat SD; fasilitator perlu banyak contoh.',
    () => 'Fasilitator baru tiba siang karena kendaraan dari kota terlambat; jadwal dipadatkan.',
  ],
  lessons: [
    () => 'Bermain peran menerima pengaduan lebih melekat daripada membaca modul.',
    () =>
      'Pelatihan dua hari berturut-turut sulit diikuti ibu-ibu; lebih baik dipecah menjadi beberapa sesi setengah hari.',
  ],
};

const ADVOCACY_STEPS: readonly Text[] = [
  (c) =>
    `Audiensi kelompok dengan ${c.place.head} dan ${c.place.council} di kantor ${c.place.desa} untuk mengusulkan alokasi ${c.place.fund} bagi perlindungan perempuan dan anak: penyuluhan, biaya transport rujukan korban, dan honor kader. Kelompok membawa rekap jumlah kasus setahun terakhir tanpa identitas.`,
  (c) =>
    `Kelompok menghadiri ${c.place.planning} dan menyampaikan usulan kegiatan perlindungan perempuan dan anak untuk ${c.place.budgetDoc} ${c.year + 1}.`,
  (c) =>
    `Pertemuan tindak lanjut dengan ${c.place.head} dan sekretaris ${c.place.desa} untuk memastikan usulan kelompok tercantum dalam rancangan ${c.place.budgetDoc} ${c.year + 1}.`,
  (c) =>
    `Kelompok bertemu ${c.place.council} untuk membahas pembentukan satgas perlindungan perempuan dan anak di tingkat ${c.place.desa}.`,
];

const VILLAGE_ADVOCACY: ActivityTexts = {
  summary: [(c) => `${ADVOCACY_STEPS[(c.n - 1) % ADVOCACY_STEPS.length](c)} Hadir ${peserta(c.p)}.`],
  results: [
    (c) =>
      `${c.place.head[0].toUpperCase()}${c.place.head.slice(1)} setuju memasukkan ${rupiah(c.r.int(10, 30) * 1_000_000)} dalam ${c.place.budgetDoc} ${c.year + 1} untuk kegiatan perlindungan perempuan dan anak.`,
    (c) =>
      `Usulan diterima, tetapi nilainya dipotong menjadi ${rupiah(c.r.int(5, 12) * 1_000_000)} karena ${c.place.fund} banyak terserap untuk ketahanan pangan.`,
    (c) => `Kelompok diundang menjadi peserta tetap ${c.place.planning} mulai tahun depan.`,
    (c) =>
      `${c.place.council} meminta kelompok menyusun usulan tertulis lengkap dengan rincian biaya; draf diserahkan dua minggu kemudian.`,
  ],
  obstacles: [
    (c) =>
      `${c.place.head[0].toUpperCase()}${c.place.head.slice(1)} sedang dinas luar, sehingga kelompok hanya diterima sekretaris ${c.place.desa}; keputusan ditunda.`,
    (c) =>
      `${c.place.fund[0].toUpperCase()}${c.place.fund.slice(1)} tahap II terlambat cair, sehingga kegiatan yang sudah disetujui belum bisa dibiayai.`,
    (c) =>
      `Sebagian anggota ${c.place.council} menganggap KDRT urusan keluarga atau adat, bukan urusan ${c.place.desa}.`,
    (c) =>
      `${c.place.adat[0].toUpperCase()}${c.place.adat.slice(1)} belum mendukung; menurut mereka kasus dalam keluarga cukup diselesaikan dengan denda adat.`,
  ],
  lessons: [
    () => 'Datang dengan data (jumlah dan jenis kasus setahun, tanpa identitas) membuat usulan lebih didengar.',
    () => 'Ajak ketua PKK dan bidan desa ikut audiensi; suara mereka memperkuat usulan kelompok.',
    (c) => `Usulan harus masuk sebelum ${c.place.planning}; setelah ${c.place.budgetDoc} ditetapkan sulit diubah.`,
  ],
};

const NETWORK_MEETING: ActivityTexts = {
  summary: [
    (c) =>
      `Pertemuan jaringan di kantor ${c.place.uptd} bersama ${c.place.police}, ${c.place.puskesmas}, ${c.place.socialServices}, dan kelompok dampingan lain. Kelompok menyampaikan rekap kasus (jumlah dan jenis, tanpa identitas) dan kendala rujukan. Hadir ${peserta(c.p)}.`,
    (c) =>
      `Kelompok mengikuti rapat koordinasi layanan korban kekerasan tingkat kabupaten di ${c.place.seat} yang difasilitasi ${c.place.uptd}. Dibahas alur rujukan, biaya visum, dan rumah aman. Peserta dari kelompok dan mitra: ${peserta(c.p)}.`,
    (c) =>
      `Pertemuan jaringan di ${c.place.puskesmas} bersama bidan koordinator, Bhabinkamtibmas, dan ${c.place.uptd} untuk mengevaluasi rujukan korban selama ${c.month <= 6 ? 'semester pertama' : 'beberapa bulan terakhir'}. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    (c) =>
      `Disepakati jalur rujukan cepat: pendamping dapat langsung menghubungi petugas piket ${c.place.police} untuk kasus anak.`,
    (c) => `${c.place.uptd} akan mengupayakan biaya visum bagi korban yang tidak mampu melalui anggaran daerah.`,
    (c) => `${c.place.puskesmas} menunjuk satu bidan sebagai kontak tetap untuk korban kekerasan.`,
    () => 'Daftar nomor kontak layanan diperbarui dan dibagikan ke semua kelompok dampingan.',
  ],
  obstacles: [
    (c) => `Biaya transport ke ${c.place.seat} cukup besar; hanya dua pengurus yang bisa berangkat.`,
    () => 'Beberapa lembaga hanya mengirim staf baru yang belum bisa mengambil keputusan.',
    () => 'Pertemuan mundur dari jadwal karena kepala dinas ada kegiatan mendadak.',
  ],
  lessons: [
    () => 'Membawa rekap kasus yang rapi membuat masukan kelompok diperhatikan lembaga lain.',
    () => 'Kenal langsung dengan petugas di setiap layanan mempercepat pendampingan korban.',
  ],
};

const ECONOMY: Record<EconomyKind, ActivityTexts> = {
  savings: {
    summary: [
      (c) => {
        const saved = (c.series.saved ?? c.r.int(20, 40) * 100_000) + c.p.women * 20_000;
        c.series.saved = saved;
        return `Pertemuan simpan pinjam kelompok di ${c.place.meetingPlace}. ${c.p.women} anggota menyetor simpanan wajib Rp 20.000; saldo simpanan kelompok kini ${rupiah(saved)}. ${c.r.int(2, 6)} anggota meminjam untuk modal jualan sayur, kios kecil, dan ternak babi.`;
      },
      (c) =>
        `Arisan dan simpan pinjam bulan ${M(c)}. Bendahara membacakan laporan keuangan; ${c.r.int(1, 4)} pinjaman lunas dan ${c.r.int(1, 4)} pinjaman baru disetujui. Hadir ${peserta(c.p)}.`,
    ],
    results: [
      () => 'Angsuran berjalan lancar; tidak ada tunggakan lebih dari satu bulan.',
      () =>
        'Anggota yang mandiri secara ekonomi lebih berani mengambil keputusan di rumah; dua anggota bercerita kini ikut mengatur uang hasil panen.',
      () => 'Kelompok menyepakati bunga pinjaman 1% per bulan dan dana sosial untuk anggota yang sakit atau berduka.',
    ],
    obstacles: [
      (c) => `${c.r.int(2, 3)} anggota terlambat mengangsur karena hasil panen kurang.`,
      () => 'Ada anggota yang suaminya tidak setuju istri ikut meminjam; pendamping berkunjung untuk menjelaskan.',
    ],
    lessons: [
      () => 'Pinjaman kecil dengan angsuran bulanan lebih lancar daripada pinjaman besar.',
      () => 'Buku kas yang diperiksa bersama di depan anggota menjaga kepercayaan.',
    ],
  },
  weaving: {
    summary: [
      (c) => {
        const sold = c.r.int(3, 9);
        c.series.cloth = (c.series.cloth ?? 0) + sold;
        return `Pertemuan kelompok tenun di ${c.place.meetingPlace}. Anggota menyerahkan ${sold} lembar kain tenun ikat motif Amanuban untuk dijual bersama; sejak awal tahun sudah ${c.series.cloth} lembar terjual. Hadir ${peserta(c.p)}.`;
      },
      (c) =>
        `Pelatihan pewarnaan alami (tarum dan mengkudu) untuk anggota kelompok tenun, dipandu penenun senior dari ${c.place.Desa}. Peserta: ${peserta(c.p)}.`,
    ],
    results: [
      () =>
        'Kain dijual melalui pameran UMKM di SoE dan pesanan dari Kupang; hasil penjualan langsung diterima penenun.',
      () => 'Kelompok menyepakati harga jual minimum agar penenun tidak dirugikan pembeli.',
      () => 'Sebagian hasil penjualan disisihkan untuk kas kelompok dan dana darurat korban.',
    ],
    obstacles: [
      () => 'Harga benang naik; modal anggota tidak cukup untuk membeli benang sekaligus.',
      () => 'Pembeli dari kota menawar terlalu rendah.',
    ],
    lessons: [() => 'Penjualan bersama memberi posisi tawar yang lebih baik daripada menjual sendiri-sendiri.'],
  },
  moringa: {
    summary: [
      (c) => {
        const kg = c.r.int(4, 12);
        c.series.kg = (c.series.kg ?? 0) + kg;
        return `Kegiatan olahan pangan lokal: anggota mengolah daun kelor menjadi serbuk dan kue kelor di ${c.place.meetingPlace}. Hasil hari ini ${kg} kg serbuk; sejak awal tahun ${c.series.kg} kg. Hadir ${peserta(c.p)}.`;
      },
      (c) =>
        `Pertemuan usaha kelompok: pembagian hasil penjualan kue dan serbuk kelor bulan lalu dan rencana produksi bulan ${M(c)}. Hadir ${peserta(c.p)}.`,
    ],
    results: [
      () => 'Serbuk kelor dititip di kios desa dan posyandu; posyandu memakainya untuk PMT balita.',
      () => 'Setiap anggota mendapat bagian hasil penjualan; sisanya masuk kas kelompok.',
      () => 'Kelompok mendapat izin PIRT dari dinas kesehatan untuk produk kue kelor.',
    ],
    obstacles: [
      () => 'Daun kelor berkurang di musim kemarau.',
      () => 'Kemasan plastik yang layak harus dibeli di Kupang.',
    ],
    lessons: [
      () =>
        'Usaha bersama membuat anggota lebih rutin datang ke pertemuan, sekaligus menjadi ruang aman untuk bercerita.',
    ],
  },
  garden: {
    summary: [
      (c) =>
        `Kerja bersama di kebun sayur kelompok di ${c.place.Desa}: ${c.r.pick(['menyiapkan bedeng dan persemaian sawi', 'menanam kangkung dan bayam', 'memanen sawi dan tomat', 'membuat pupuk kompos dari kotoran ternak'])}. Hadir ${peserta(c.p)}.`,
      (c) =>
        `Pertemuan usaha kebun sayur kelompok bulan ${M(c)}: pembagian hasil panen dan penjualan ke ${c.place.market}. Hadir ${peserta(c.p)}.`,
    ],
    results: [
      (c) =>
        `Hasil penjualan sayur bulan ini ${rupiah(c.r.int(8, 25) * 50_000)}, dibagi kepada anggota dan kas kelompok.`,
      () => 'Sebagian hasil panen dibagikan ke keluarga korban yang sedang didampingi.',
      () => 'Penyuluh pertanian lapangan bersedia membantu pengendalian hama.',
    ],
    obstacles: [
      () => 'Air untuk menyiram terbatas di musim kemarau; anggota bergiliran menimba.',
      () => 'Ternak warga masuk kebun karena pagar rusak.',
    ],
    lessons: [
      () => 'Kebun bersama membuat anggota sering bertemu; banyak cerita dan pengaduan muncul saat bekerja bersama.',
    ],
  },
};

const MEN_DIALOGUE: ActivityTexts = {
  summary: [
    (c) =>
      `Diskusi bapak-bapak tentang peran ayah dan suami dalam keluarga tanpa kekerasan di ${c.place.meetingPlace}, dipandu pendamping laki-laki dari lembaga dan penatua jemaat. Hadir ${peserta(c.p)}.`,
    (c) =>
      `Sesi ke-${c.n} diskusi kelompok laki-laki: minuman keras, emosi, dan cara menyelesaikan pertengkaran tanpa memukul. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    () => 'Beberapa bapak bersedia menjadi "bapak peduli" yang mengajak laki-laki lain ikut diskusi berikutnya.',
    () => 'Peserta menyusun kesepakatan sederhana: tidak pulang ke rumah dalam keadaan mabuk, dan ikut mengasuh anak.',
  ],
  obstacles: [
    () => 'Bapak-bapak baru bisa berkumpul malam hari setelah pulang kerja.',
    () => 'Ada peserta yang tersinggung dan meninggalkan diskusi.',
  ],
  lessons: [
    () => 'Laki-laki lebih terbuka kalau diskusi dipandu sesama laki-laki dan tidak dimulai dengan menyalahkan.',
  ],
};

const BELIS_DIALOGUE: ActivityTexts = {
  summary: [
    (c) =>
      `Dialog dengan ${c.place.adat} dan tokoh agama tentang belis (mas kawin adat) dan kekerasan dalam rumah tangga, di ${c.place.meetingPlace}. Dibahas anggapan bahwa istri yang sudah "dibayar" belis menjadi milik keluarga suami. Hadir ${peserta(c.p)}.`,
    (c) =>
      `Pertemuan lanjutan dengan ${c.place.adat} untuk merumuskan kesepakatan adat: kekerasan terhadap istri dan anak tidak bisa diselesaikan hanya dengan denda adat. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Tokoh adat sepakat belis tetap dihormati sebagai penghargaan kepada keluarga perempuan, bukan harga yang membuat istri boleh diperlakukan semaunya.',
    () => 'Disusun draf kesepakatan adat yang akan dibacakan dalam pertemuan suku berikutnya.',
  ],
  obstacles: [() => 'Sebagian tokoh adat merasa kelompok ingin menghapus adat; perlu beberapa kali penjelasan.'],
  lessons: [
    () => 'Bicara tentang adat harus dimulai dengan menghormati adat itu sendiri, baru masuk ke soal kekerasan.',
  ],
};

const VILLAGE_DATA: ActivityTexts = {
  summary: [
    (c) =>
      `Pendataan terpilah bersama kader ${c.place.posyandu} dan aparat ${c.place.desa}: jumlah perempuan kepala keluarga, anak, lansia, dan penyandang disabilitas per ${c.place.hamlet}. Tim pendata: ${peserta(c.p)}.`,
  ],
  results: [
    (c) =>
      `Data terpilah per ${c.place.hamlet} diserahkan kepada ${c.place.head} untuk dipakai dalam perencanaan ${c.place.budgetDoc}.`,
    () => 'Ditemukan sejumlah anak tanpa akta kelahiran; daftar diteruskan ke petugas Dukcapil.',
  ],
  obstacles: [() => 'Beberapa keluarga tidak ada di rumah karena berkebun; pendata harus kembali pada sore hari.'],
  lessons: [(c) => `Formulir pendataan perlu diuji dulu di satu RT sebelum dipakai di seluruh ${c.place.desa}.`],
};

const KBGO_YOUTH: ActivityTexts = {
  summary: [
    (c) =>
      `Penyuluhan kekerasan berbasis gender online (KBGO) dan keamanan digital bagi remaja di ${c.place.school}: penyebaran foto pribadi, ancaman lewat media sosial, dan cara menyimpan bukti. Peserta: ${peserta(c.p)}.`,
    (c) =>
      `Sesi ke-${c.n} KBGO untuk remaja gereja dan karang taruna di ${c.place.meetingPlace}. Peserta berlatih mengatur privasi akun dan memblokir akun pengganggu. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Remaja tahu bahwa menyebarkan foto intim tanpa izin adalah tindak pidana menurut UU TPKS, dan korban tidak boleh disalahkan.',
    () => 'Peserta menyimpan nomor pendamping dan alamat pengaduan konten ke platform.',
  ],
  obstacles: [() => 'Banyak remaja tidak membawa telepon, sehingga praktik pengaturan privasi dilakukan bergantian.'],
  lessons: [() => 'Remaja lebih mendengarkan teman sebaya; libatkan karang taruna sebagai fasilitator.'],
};

const APP_TRAINING: ActivityTexts = {
  summary: [
    (c) =>
      `Pelatihan pencatatan kasus dengan aplikasi lembaga bagi pengurus kelompok, difasilitasi koordinator wilayah ${c.place.regionName}: login dengan kata sandi sendiri, mencatat pengaduan, rujukan dan tindak lanjut, serta menjaga kerahasiaan data. Peserta: ${peserta(c.p)}.`,
  ],
  results: [
    () =>
      'Pengurus berhasil mencatat contoh kasus rekaan sampai rujukan; disepakati buku tulis kasus yang lama disimpan terkunci lalu dimusnahkan setelah dipindahkan.',
  ],
  obstacles: [() => 'Sebagian pengurus belum punya telepon pintar; pencatatan dilakukan oleh pendamping.'],
  lessons: [
    () =>
      'Kerahasiaan harus diajarkan bersama aplikasinya: telepon dikunci, tidak dipinjamkan, tidak ada foto catatan di galeri.',
  ],
};

const PERDES: ActivityTexts = {
  summary: [
    (c) =>
      c.place.kelurahan
        ? `Pertemuan ke-${c.n} dengan ${c.place.head} dan ${c.place.council} tentang pembentukan satgas perlindungan perempuan dan anak kelurahan melalui surat keputusan lurah. Hadir ${peserta(c.p)}.`
        : `Pertemuan ke-${c.n} penyusunan rancangan Peraturan Desa tentang perlindungan perempuan dan anak bersama ${c.place.head}, ${c.place.council}, dan tokoh masyarakat, sebagai langkah menuju Desa Ramah Perempuan dan Peduli Anak. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    (c) =>
      `Disepakati isi pokok: layanan pengaduan di tingkat ${c.place.desa}, biaya transport rujukan korban, dan larangan perkawinan anak.`,
    (c) => `Rancangan dibahas dalam rapat ${c.place.council} dan diminta dikonsultasikan ke bagian hukum kabupaten.`,
    () => 'Satgas beranggotakan unsur pemerintah, PKK, tokoh agama, tokoh adat, dan kelompok dampingan.',
  ],
  obstacles: [
    () => 'Rapat beberapa kali ditunda karena kesibukan aparat dengan penyaluran bantuan.',
    (c) => `Belum ada contoh ${c.place.kelurahan ? 'satgas kelurahan' : 'peraturan desa'} serupa di kecamatan ini.`,
  ],
  lessons: [
    () =>
      'Mulai dari hal yang sudah disepakati semua pihak (anak tidak boleh dinikahkan) memudahkan pembahasan pasal lain.',
  ],
};

const FORUM_ANAK: ActivityTexts = {
  summary: [
    (c) =>
      `Pertemuan forum anak ${c.place.desa}: anak-anak usia 12-17 tahun berlatih menyampaikan pendapat dan memetakan tempat yang dirasa tidak aman di ${c.place.Desa}. Didampingi anggota kelompok. Hadir ${peserta(c.p)}.`,
  ],
  results: [
    (c) =>
      `Forum anak menyampaikan tiga usulan kepada ${c.place.head}: lampu jalan di jalur ke sekolah, pos ronda, dan lapangan bermain.`,
    () => 'Pengurus forum anak dipilih oleh anak-anak sendiri.',
  ],
  obstacles: [() => 'Anak-anak sulit berkumpul pada hari sekolah; pertemuan dipindah ke Sabtu sore.'],
  lessons: [
    () =>
      'Anak-anak punya gambaran yang jelas tentang tempat yang tidak aman; orang dewasa perlu lebih banyak mendengar.',
  ],
};

export const ACTIVITY_TEXTS = {
  monthly_meeting: MONTHLY_MEETING,
  church_session: CHURCH_SESSION,
  posyandu_parenting: POSYANDU_PARENTING,
  school_reproductive: SCHOOL_REPRODUCTIVE,
  child_marriage_tppo: CHILD_MARRIAGE_TPPO,
  campaign_16_days: CAMPAIGN_16_DAYS,
  campaign_children: CAMPAIGN_CHILDREN,
  case_recap: CASE_RECAP,
  paralegal_training: PARALEGAL_TRAINING,
  village_advocacy: VILLAGE_ADVOCACY,
  network_meeting: NETWORK_MEETING,
  economy: ECONOMY.savings,
  men_dialogue: MEN_DIALOGUE,
  belis_dialogue: BELIS_DIALOGUE,
  village_data: VILLAGE_DATA,
  kbgo_youth: KBGO_YOUTH,
  app_training: APP_TRAINING,
  perdes: PERDES,
  forum_anak: FORUM_ANAK,
} satisfies Record<string, ActivityTexts>;

export type ActivityKind = keyof typeof ACTIVITY_TEXTS;

/** The texts of an activity of the given kind at this place (the economic activity differs by village). */
export function activityTexts(kind: ActivityKind, place: PlanPlace): ActivityTexts {
  return kind === 'economy' ? ECONOMY[place.economy] : ACTIVITY_TEXTS[kind];
}

/** Why a report came a month later than planned. */
export const DELAYS: readonly Fitted[] = [
  when(
    (c) =>
      `Kegiatan mundur dari rencana bulan ${MONTHS[c.month - 2]} karena hujan terus-menerus dan jalan ke ${c.place.Desa} sulit dilalui.`,
    (c) => [2, 3, 4, 12].includes(c.month),
  ),
  (c) => `Kegiatan mundur dari rencana bulan ${MONTHS[c.month - 2]} karena ${c.place.fund} terlambat cair.`,
  (c) =>
    `Jadwal bulan ${MONTHS[c.month - 2]} bertabrakan dengan kegiatan gereja tingkat klasis, sehingga kegiatan dipindah ke bulan ${M(c)}.`,
  (c) => `Kegiatan mundur dari rencana bulan ${MONTHS[c.month - 2]} karena ada kedukaan besar di ${c.place.desa}.`,
  when(
    (c) => `Kegiatan mundur dari rencana bulan ${MONTHS[c.month - 2]}: ibu-ibu sibuk ${c.place.harvest}.`,
    (c) => c.place.harvestMonths.includes(c.month - 1),
  ),
];

// --- the plans ------------------------------------------------------------------------------

export function planGoals(place: PlanPlace, year: number, r: DemoRandom): string {
  if (year === 2025) {
    return r.pick([
      `Tahun 2025 kelompok ingin (1) menjangkau semua ${place.hamlet} di ${place.Desa} dengan penyuluhan tentang KDRT dan kekerasan seksual terhadap anak, (2) memastikan setiap korban yang melapor didampingi sampai mendapat layanan, dan (3) mendorong ${place.head} mengalokasikan ${place.fund} untuk perlindungan perempuan dan anak.`,
      `Memperkuat kelompok sebagai tempat pengaduan yang dipercaya warga ${place.Desa}; meningkatkan pengetahuan perempuan, laki-laki dan remaja tentang kekerasan dan cara melapor; membangun kerja sama dengan ${place.puskesmas}, ${place.police} dan ${place.uptd}.`,
    ]);
  }
  return r.pick([
    `Melanjutkan kerja tahun 2025 dengan fokus baru: (1) ${place.kelurahan ? 'satgas perlindungan perempuan dan anak kelurahan' : 'peraturan desa tentang perlindungan perempuan dan anak'} menuju ${place.desa} ramah perempuan dan peduli anak, (2) lebih banyak melibatkan laki-laki dan remaja, dan (3) usaha ekonomi kelompok yang memberi penghasilan bagi anggota dan penyintas.`,
    `Tahun 2026: semua korban yang melapor didampingi sampai layanan yang dibutuhkan, kegiatan pencegahan menjangkau sekurang-kurangnya separuh keluarga di ${place.Desa}, dan ${place.fund} membiayai sebagian kegiatan kelompok.`,
  ]);
}

/** Why an item was given up during the year. */
export const CANCEL_REASONS: Record<string, readonly string[]> = {
  study_visit: [
    'Dibatalkan: biaya sewa kendaraan naik setelah harga BBM naik dan dana kegiatan tidak cukup. Dana dialihkan ke kampanye 16 hari.',
    'Dibatalkan karena kelompok tuan rumah di Belu sedang menangani bencana banjir; belum ada jadwal pengganti tahun ini.',
  ],
  peer_counsellor_training: [
    'Dinas P3A membatalkan pelatihan bersama karena efisiensi anggaran; belum ada jadwal pengganti tahun ini.',
    'Dibatalkan: fasilitator dari dinas dipindahtugaskan dan dinas tidak dapat menyediakan pengganti.',
  ],
  festival: [
    'Panitia kecamatan menunda festival ke tahun depan karena bertepatan dengan persidangan klasis.',
    'Dibatalkan karena dana kecamatan untuk festival dialihkan ke penanganan kekeringan.',
  ],
  mural: [
    'Sekolah belum mengizinkan karena gedung akan direhabilitasi tahun ini; diganti papan informasi di kantor desa (tanpa biaya tambahan).',
    'Dibatalkan: dinding yang direncanakan ternyata milik pribadi dan pemiliknya tidak setuju.',
  ],
};

/** Why an item short of its target is closed by hand at the end of the year. */
export const DONE_SHORT_REASONS: { participants: readonly string[]; count: readonly string[] } = {
  participants: [
    'Ditutup pada akhir tahun: semua siswa kelas sasaran sudah mengikuti penyuluhan; target awal dihitung dari data siswa tahun lalu yang ternyata lebih banyak.',
    'Ditutup: sasaran remaja yang ada di desa sudah terjangkau; banyak remaja sedang sekolah atau bekerja di luar daerah.',
  ],
  count: [
    'Ditutup pada akhir tahun: tujuan kegiatan sudah tercapai pada pertemuan terakhir, pertemuan berikutnya tidak diperlukan lagi.',
    'Ditutup: kegiatan yang tertunda digabung ke pertemuan rutin bulan Desember karena waktu dan dana tidak cukup untuk kegiatan terpisah.',
  ],
};

/** A coordinator's reason to return a plan, and what the group changes in answer. */
export type ReturnFix = 'men' | 'advocacy_months' | 'training_budget' | 'drppa' | 'school_target' | 'goals';

export const RETURN_COMMENTS: Record<ReturnFix, (place: PlanPlace) => string> = {
  men: () =>
    'Rencana kerja sudah baik, tetapi belum ada kegiatan yang khusus melibatkan bapak-bapak. Sebagian besar pelaku KDRT yang didampingi kelompok adalah suami, jadi mohon tambahkan minimal satu kegiatan diskusi untuk kelompok laki-laki.',
  advocacy_months: (place) =>
    `Jadwal advokasi ${place.fund} terlalu lambat. ${place.planning[0].toUpperCase()}${place.planning.slice(1)} biasanya bulan Juli-Agustus; kalau baru bertemu ${place.head} bulan Oktober, usulan tidak akan masuk ${place.budgetDoc} tahun depan. Mohon digeser ke Mei-Juli.`,
  training_budget: () =>
    'Anggaran pelatihan paralegal melebihi pagu pelatihan per kelompok (Rp 4.000.000). Mohon disesuaikan, misalnya konsumsi sebagian ditanggung kas kelompok atau fasilitator dari lembaga mitra.',
  drppa: () =>
    'Mohon setiap kegiatan diberi tanda indikator DRPPA yang didukung, supaya bisa kami rekap untuk laporan ke Dinas P3A. Beberapa kegiatan belum ditandai.',
  school_target: (place) =>
    `Target peserta penyuluhan kesehatan reproduksi terlalu kecil dibanding jumlah siswa ${place.school}. Mohon dinaikkan dan dibagi per kelas, bekerja sama dengan guru BK.`,
  goals: () =>
    'Tujuan rencana kerja masih terlalu umum. Mohon tuliskan hasil yang ingin dicapai dengan ukuran yang jelas, misalnya berapa keluarga yang dijangkau dan berapa korban yang didampingi sampai layanan.',
};

export function specificGoals(place: PlanPlace, year: number): string {
  return `Sampai akhir ${year}: (1) penyuluhan tentang KDRT dan kekerasan seksual terhadap anak menjangkau sekurang-kurangnya 200 warga ${place.Desa} dari semua ${place.hamlet}; (2) setiap korban yang melapor ke kelompok dikunjungi dalam 7 hari dan didampingi sampai mendapat layanan yang dibutuhkan; (3) usulan kegiatan perlindungan perempuan dan anak masuk ${place.budgetDoc} ${year + 1}; (4) kelompok bertemu layanan mitra (${place.uptd}, ${place.police}, ${place.puskesmas}) sekurang-kurangnya dua kali setahun.`;
}

/** The coordinator's words on approving a plan as submitted (or none). */
export const APPROVAL_COMMENTS: readonly (string | undefined)[] = [
  undefined,
  undefined,
  'Disetujui. Mohon laporan kegiatan diisi paling lambat tanggal 5 bulan berikutnya, lengkap dengan jumlah peserta per kategori.',
  'Disetujui. Untuk kegiatan yang dibiayai dana desa atau dana kelurahan, mohon simpan salinan berita acara pencairannya.',
];

/** Goals as a group might first write them, too general for the coordinator. */
export const vagueGoals = (place: PlanPlace) =>
  `Melanjutkan kegiatan kelompok untuk membantu perempuan dan anak di ${place.Desa}, dan bekerja sama dengan pemerintah ${place.desa} serta gereja.`;
