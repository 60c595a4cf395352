/**
 * What tells languages of one script apart on a single technical sentence, where tinyld is unsure (an English
 * term in it is enough to make tinyld say English) and knows no Catalan, Croatian or Slovenian at all: the
 * small words every sentence needs, and the letters each alphabet has. A summary's content words are English
 * terms, names and numbers as often as not; its function words and its letters are the language's own.
 *
 * Keys are data keys, not requested codes: 'no' serves nb/nn, 'hr' the Latin-script Serbo-Croatian standards
 * (hr, bs, sr-Latn, cnr), 'id' Malay too — written alike, they are not told apart (see dataKey).
 */

const WORDS: Record<string, string> = {
  // Latin script
  en: 'the of and to a an is are was were for on with that by we this as from be which our it at or can these than not both over into its such their while under between across via using without more has have been only when how also',
  de: 'der die das den dem des und ist sind ein eine einen einem einer eines zu mit von für auf im nicht wir sich auch als dass durch bei aus wird werden wie oder zur zum über diese dieser dieses vor nach während um sowie',
  fr: 'le la les de des du un une et est sont pour dans sur avec que qui par au aux nous ce cette ces plus pas son sa ses leur leurs il elle en où mais l d qu entre sans ne se lors afin',
  es: 'el la los las de del un una y a es son para en con que por al se su sus lo como más pero este esta estos estas entre sobre nuestro sin mediante también durante cada',
  pt: 'o a os as de do da dos das um uma e é são para em com que por ao se seu sua como mais mas este esta no na nos nas entre sobre pelo pela sem também durante cada',
  it: 'il lo la i gli le di del della dei delle un una e è sono per in con che da al nel nella si come più ma questo questa tra sul l dell all degli alla ogni anche durante',
  nl: 'de het een en van is zijn voor op met dat die wordt worden door bij naar ook niet we deze dit als aan te om tijdens elke',
  ca: 'el la els les l de del dels un una i o és són per amb en a al als que es no aquest aquesta aquests aquestes seu seva seus seves com més però també entre sobre d pel durant cada',
  pl: 'i w z na do się nie jest są o to że od dla przez oraz jak co po przy ich jego jej który która które którą tym ten ta te a lub czy także również niż ze we podczas każdej każdy',
  cs: 'a v ve na je jsou se z ze do o k s pro že to jak který která které tím jeho její jejich při od po než nebo také i ale jako během každé každý',
  sk: 'a v vo na je sú sa z zo do o k s pre že to ako ktorý ktorá ktoré tým jeho jej ich pri od po než alebo tiež i ale počas každej každý',
  sv: 'och i att det en ett som för på med är av till den de om har från vi inte kan eller också men under mellan genom vid än',
  da: 'og i at det en et som for på med er af til den de om har fra vi ikke kan eller også men under mellem gennem ved der end',
  no: 'og i at det en et som for på med er av til den de om har fra vi ikke kan eller også men under mellom gjennom ved der enn',
  tr: 've bir bu için ile da de olan olarak gibi daha en çok ise ki veya her şu ancak kadar göre sonra önce ayrıca üzerinde arasında sırasında',
  ro: 'și în de la a al ale cu un o pe care este sunt din pentru că se nu mai prin sau ca dintre acest această timpul',
  hu: 'a az és egy hogy nem is van meg mint csak de ez azt el vagy által pedig amely amelyek során között minden',
  fi: 'ja on ei se että joka jotka kun sekä tai myös kuin mutta tämä nämä ovat oli sen sitä niin',
  vi: 'của và các là trong cho với được một những có này để không từ theo đến khi trên như đã sẽ hơn so',
  id: 'yang dan di ini itu dengan untuk dari pada dalam adalah tidak akan ke oleh juga atau sebagai lebih serta para sebuah selama setiap',
  hr: 'i u je su na za od se da koji koja koje kao iz sa s ne ili što ali to te po pri kroz između o tijekom tokom svakog',
  sl: 'in v je so na za od se da ki kot iz z s ne ali pa to po pri med skozi o tudi vsake',
  et: 'ja on ei see et kui mis kes ka või aga ning mida selle oma nii',
  lv: 'un ir ar par no uz kā lai ka bet vai arī tas šis kas to',
  lt: 'ir yra su iš į kad kaip bet arba taip pat tai šis kuris kuri nuo per',
  // Cyrillic
  ru: 'и в на с что для это по из как который которая которые которых а не к о от за также при его их этот эта эти но или между чем во время',
  uk: 'і й та в у на з що для це по із як який яка які яких а не до о від також при його їх цей ця ці але або між ніж під час',
  be: 'і ў на з што для гэта па як які якая якія а не да ад таксама пры яго іх гэты але або паміж чым падчас',
  bg: 'и в на с че за това по от като който която които а не до при е са се му им този тази тези но или между със във чрез време',
  mk: 'и во на со што за ова по од како кој која кои а не до при е се го ги ја нив овој оваа овие но или меѓу преку време',
  sr: 'и у на са што за ово по од као који која које а не до при је су се га их овај ова ови али или између кроз током',
  kk: 'және мен бен пен бұл осы үшін арқылы да де та те ал бір деп болып ретінде кезінде',
  ky: 'жана менен бул үчүн аркылуу да дагы ал бир деп болуп катары учурунда',
  tg: 'ва дар ба аз бо ки ин барои он як мебошад аст ҳам то',
  mn: 'ба нь энэ болон юм гэж бол байна байдаг тул',
  // Arabic script (compared after foldArabic)
  ar: 'في من على إلى أن التي الذي هذا هذه عن مع هو هي كما بين ذلك لا ما قد كل أو ثم الى عند حيث',
  fa: 'و در به از که این را با است برای می ها آن یک شده بر تا های نیز هر بین شود کرد',
  ur: 'کے کی کا میں ہے اور سے کو نے یہ پر ہیں کہ ایک کیا گیا لیے بھی جو',
};

/** Arabic and Persian encodings of yeh and kaf are one letter for word matching (keyboards mix them). */
export function foldArabic(word: string): string {
  return word.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک');
}

export const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(WORDS).map(([lang, list]) => [lang, new Set(list.split(' ').map(foldArabic))]),
);

const CYRILLIC_RU = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
/**
 * Letters beyond the plain a–z (Latin) or of the whole alphabet (Cyrillic, Arabic). A letter a language never
 * writes is evidence against it: і and є are not Russian, ы and э not Ukrainian, ђ and ћ not Macedonian.
 */
export const LETTERS: Readonly<Record<string, string>> = {
  en: '',
  de: 'äöüß',
  fr: 'àâæçéèêëîïôœùûüÿ',
  es: 'áéíñóúü',
  pt: 'áâãàçéêíóôõúü',
  it: 'àèéìíîòóùú',
  nl: 'éëïöüèáó',
  ca: 'àçéèíïóòúü',
  pl: 'ąćęłńóśźż',
  cs: 'áčďéěíňóřšťúůýž',
  sk: 'áäčďéíĺľňóôŕšťúýž',
  sv: 'åäöé',
  da: 'æøåé',
  no: 'æøåéòóô',
  tr: 'çğıöşüâîû',
  ro: 'ăâîșțşţ',
  hu: 'áéíóöőúüű',
  fi: 'äöåšž',
  vi: 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ',
  id: 'é',
  hr: 'čćđšž',
  sl: 'čšžćđ',
  et: 'äöõüšž',
  lv: 'āčēģīķļņšūž',
  lt: 'ąčęėįšųūž',
  ru: CYRILLIC_RU,
  uk: 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя',
  be: 'абвгдеёжзйклмнопрстуўфхцчшыьэюяі',
  bg: 'абвгдежзийклмнопрстуфхцчшщъьюя',
  mk: 'абвгдѓежзѕијклљмнњопрстќуфхцчџш',
  sr: 'абвгдђежзијклљмнњопрстћуфхцчџш',
  kk: `${CYRILLIC_RU}әғқңөұүһі`,
  ky: `${CYRILLIC_RU}ңөү`,
  tg: 'абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя',
  mn: `${CYRILLIC_RU}өү`,
  ar: 'ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱ',
  fa: 'ءآأؤئابتثجحخدذرزسشصضطظعغفقکگلمنهوی' + 'پچژيكۀ',
  ur: 'ءآأؤئابتثجحخدذرزسشصضطظعغفقکگلمنهوی' + 'پچژٹڈڑںےہھۂۃۓ',
};

/** Script (ISO 15924) of each language with data. */
export function scriptOfData(lang: string): 'Latn' | 'Cyrl' | 'Arab' {
  if (['ar', 'fa', 'ur'].includes(lang)) return 'Arab';
  return /\p{Script=Cyrillic}/u.test(LETTERS[lang] ?? '') ? 'Cyrl' : 'Latn';
}
