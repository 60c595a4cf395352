/**
 * Three summary sentences per language, as a model writes them: the paper's names (RankFlow, LoRA, ImageNet),
 * numbers with the language's decimal sign, and English technical terms left in English inside the sentence.
 * The language check must accept each for its own language and refuse it for every other one it can tell apart.
 */
export const SAMPLES: Record<string, readonly string[]> = {
  en: [
    'The authors propose RankFlow, a method that adapts the LoRA rank of each layer during training.',
    'On ImageNet the method reaches 84.7% accuracy and uses 40% less memory than full fine-tuning.',
    'The approach combines a graph neural network with auxiliary supervision and contrastive learning.',
  ],
  de: [
    'Die Autoren schlagen RankFlow vor, eine Methode, die den LoRA-Rang jeder Schicht während des Trainings anpasst.',
    'Auf ImageNet erreicht die Methode 84,7 % Genauigkeit und benötigt 40 % weniger Speicher als ein vollständiges Fine-Tuning.',
    'Der Ansatz kombiniert ein graph neural network mit auxiliary supervision und contrastive learning.',
  ],
  fr: [
    "Les auteurs proposent RankFlow, une méthode qui adapte le rang LoRA de chaque couche pendant l'entraînement.",
    'Sur ImageNet, la méthode atteint 84,7 % de précision et utilise 40 % de mémoire en moins que le fine-tuning complet.',
    "L'approche combine un graph neural network avec une auxiliary supervision et du contrastive learning.",
  ],
  es: [
    'Los autores proponen RankFlow, un método que adapta el rango LoRA de cada capa durante el entrenamiento.',
    'En ImageNet, el método alcanza un 84,7 % de precisión y usa un 40 % menos de memoria que el ajuste fino completo.',
    'El enfoque combina una graph neural network con auxiliary supervision y contrastive learning.',
  ],
  'pt-BR': [
    'Os autores propõem o RankFlow, um método que adapta o posto LoRA de cada camada durante o treinamento.',
    'No ImageNet, o método atinge 84,7% de acurácia e usa 40% menos memória do que o ajuste fino completo.',
    'A abordagem combina uma graph neural network com auxiliary supervision e contrastive learning.',
  ],
  it: [
    "Gli autori propongono RankFlow, un metodo che adatta il rango LoRA di ogni strato durante l'addestramento.",
    "Su ImageNet il metodo raggiunge un'accuratezza dell'84,7% e usa il 40% di memoria in meno rispetto al fine-tuning completo.",
    "L'approccio combina una graph neural network con auxiliary supervision e contrastive learning.",
  ],
  nl: [
    'De auteurs stellen RankFlow voor, een methode die de LoRA-rang van elke laag tijdens het trainen aanpast.',
    'Op ImageNet haalt de methode 84,7% nauwkeurigheid en gebruikt ze 40% minder geheugen dan volledige fine-tuning.',
    'De aanpak combineert een graph neural network met auxiliary supervision en contrastive learning.',
  ],
  ca: [
    "Els autors proposen RankFlow, un mètode que adapta el rang LoRA de cada capa durant l'entrenament.",
    "A ImageNet, el mètode assoleix un 84,7 % de precisió i fa servir un 40 % menys de memòria que l'ajust fi complet.",
    "L'enfocament combina una graph neural network amb auxiliary supervision i contrastive learning.",
  ],
  pl: [
    'Autorzy proponują RankFlow, metodę, która dostosowuje rząd LoRA każdej warstwy podczas treningu.',
    'Na ImageNet metoda osiąga 84,7% dokładności i zużywa o 40% mniej pamięci niż pełne dostrajanie.',
    'Podejście łączy graph neural network z auxiliary supervision oraz contrastive learning.',
  ],
  cs: [
    'Autoři navrhují RankFlow, metodu, která během trénování přizpůsobuje hodnost LoRA každé vrstvy.',
    'Na ImageNet metoda dosahuje přesnosti 84,7 % a spotřebuje o 40 % méně paměti než úplné doladění.',
    'Přístup kombinuje graph neural network s auxiliary supervision a contrastive learning.',
  ],
  sk: [
    'Autori navrhujú RankFlow, metódu, ktorá počas trénovania prispôsobuje hodnosť LoRA každej vrstvy.',
    'Na ImageNet metóda dosahuje presnosť 84,7 % a spotrebuje o 40 % menej pamäte ako úplné doladenie.',
    'Prístup kombinuje graph neural network s auxiliary supervision a contrastive learning.',
  ],
  sv: [
    'Författarna föreslår RankFlow, en metod som anpassar LoRA-rangen för varje lager under träningen.',
    'På ImageNet når metoden 84,7 % noggrannhet och använder 40 % mindre minne än fullständig finjustering.',
    'Metoden kombinerar ett graph neural network med auxiliary supervision och contrastive learning.',
  ],
  da: [
    'Forfatterne foreslår RankFlow, en metode, der tilpasser LoRA-rangen for hvert lag under træningen.',
    'På ImageNet opnår metoden 84,7 % nøjagtighed og bruger 40 % mindre hukommelse end fuld finjustering.',
    'Tilgangen kombinerer et graph neural network med auxiliary supervision og contrastive learning.',
  ],
  nb: [
    'Forfatterne foreslår RankFlow, en metode som tilpasser LoRA-rangen for hvert lag under treningen.',
    'På ImageNet oppnår metoden 84,7 % nøyaktighet og bruker 40 % mindre minne enn full finjustering.',
    'Tilnærmingen kombinerer et graph neural network med auxiliary supervision og contrastive learning.',
  ],
  tr: [
    "Yazarlar, eğitim sırasında her katmanın LoRA rankını uyarlayan bir yöntem olan RankFlow'u öneriyor.",
    'ImageNet üzerinde yöntem %84,7 doğruluğa ulaşıyor ve tam ince ayara göre %40 daha az bellek kullanıyor.',
    "Bu yaklaşım, bir graph neural network'ü auxiliary supervision ve contrastive learning ile birleştiriyor.",
  ],
  ro: [
    'Autorii propun RankFlow, o metodă care adaptează rangul LoRA al fiecărui strat în timpul antrenării.',
    'Pe ImageNet, metoda atinge o acuratețe de 84,7% și folosește cu 40% mai puțină memorie decât ajustarea fină completă.',
    'Abordarea combină un graph neural network cu auxiliary supervision și contrastive learning.',
  ],
  hu: [
    'A szerzők a RankFlow nevű módszert javasolják, amely a tanítás során minden réteg LoRA-rangját hozzáigazítja.',
    'Az ImageNeten a módszer 84,7%-os pontosságot ér el, és 40%-kal kevesebb memóriát használ, mint a teljes finomhangolás.',
    'A megközelítés egy graph neural networköt kombinál auxiliary supervisionnel és contrastive learninggel.',
  ],
  fi: [
    'Kirjoittajat esittävät RankFlow-menetelmän, joka mukauttaa kunkin kerroksen LoRA-asteen koulutuksen aikana.',
    'ImageNetissä menetelmä saavuttaa 84,7 %:n tarkkuuden ja käyttää 40 % vähemmän muistia kuin täysi hienosäätö.',
    'Lähestymistapa yhdistää graph neural networkin, auxiliary supervisionin ja contrastive learningin.',
  ],
  vi: [
    'Các tác giả đề xuất RankFlow, một phương pháp điều chỉnh hạng LoRA của mỗi lớp trong quá trình huấn luyện.',
    'Trên ImageNet, phương pháp đạt độ chính xác 84,7% và dùng ít hơn 40% bộ nhớ so với tinh chỉnh toàn bộ.',
    'Cách tiếp cận này kết hợp graph neural network với auxiliary supervision và contrastive learning.',
  ],
  id: [
    'Para penulis mengusulkan RankFlow, sebuah metode yang menyesuaikan peringkat LoRA setiap lapisan selama pelatihan.',
    'Pada ImageNet, metode ini mencapai akurasi 84,7% dan menggunakan memori 40% lebih sedikit daripada fine-tuning penuh.',
    'Pendekatan ini menggabungkan graph neural network dengan auxiliary supervision dan contrastive learning.',
  ],
  hr: [
    'Autori predlažu RankFlow, metodu koja tijekom treniranja prilagođava LoRA rang svakog sloja.',
    'Na ImageNetu metoda postiže točnost od 84,7 % i koristi 40 % manje memorije od potpunog finog podešavanja.',
    'Pristup kombinira graph neural network s auxiliary supervision i contrastive learning.',
  ],
  'sr-Latn': [
    'Autori predlažu RankFlow, metod koji tokom treniranja prilagođava LoRA rang svakog sloja.',
    'Na ImageNetu metod postiže tačnost od 84,7 % i koristi 40 % manje memorije od potpunog finog podešavanja.',
    'Pristup kombinuje graph neural network sa auxiliary supervision i contrastive learning.',
  ],
  sl: [
    'Avtorji predlagajo RankFlow, metodo, ki med učenjem prilagaja rang LoRA vsake plasti.',
    'Na ImageNetu metoda doseže 84,7-odstotno natančnost in porabi 40 % manj pomnilnika kot popolno fino uglaševanje.',
    'Pristop združuje graph neural network z auxiliary supervision in contrastive learning.',
  ],
  ru: [
    'Авторы предлагают RankFlow — метод, который адаптирует ранг LoRA каждого слоя во время обучения.',
    'На ImageNet метод достигает точности 84,7 % и использует на 40 % меньше памяти, чем полное дообучение.',
    'Подход объединяет graph neural network с auxiliary supervision и contrastive learning.',
  ],
  uk: [
    'Автори пропонують RankFlow — метод, який адаптує ранг LoRA кожного шару під час навчання.',
    "На ImageNet метод досягає точності 84,7 % і використовує на 40 % менше пам'яті, ніж повне донавчання.",
    'Підхід поєднує graph neural network з auxiliary supervision і contrastive learning.',
  ],
  be: [
    'Аўтары прапануюць RankFlow — метад, які адаптуе ранг LoRA кожнага слоя падчас навучання.',
    'На ImageNet метад дасягае дакладнасці 84,7 % і выкарыстоўвае на 40 % менш памяці, чым поўнае данавучанне.',
    'Падыход спалучае graph neural network з auxiliary supervision і contrastive learning.',
  ],
  bg: [
    'Авторите предлагат RankFlow – метод, който адаптира ранга на LoRA за всеки слой по време на обучението.',
    'На ImageNet методът постига точност от 84,7 % и използва с 40 % по-малко памет от пълното дообучение.',
    'Подходът съчетава graph neural network с auxiliary supervision и contrastive learning.',
  ],
  mk: [
    'Авторите предлагаат RankFlow, метод кој го прилагодува рангот на LoRA за секој слој за време на обуката.',
    'На ImageNet методот постигнува точност од 84,7 % и користи 40 % помалку меморија од целосното дообучување.',
    'Пристапот комбинира graph neural network со auxiliary supervision и contrastive learning.',
  ],
  'sr-Cyrl': [
    'Аутори предлажу RankFlow, метод који током тренирања прилагођава LoRA ранг сваког слоја.',
    'На ImageNet-у метод постиже тачност од 84,7 % и користи 40 % мање меморије од потпуног финог подешавања.',
    'Приступ комбинује graph neural network са auxiliary supervision и contrastive learning.',
  ],
  kk: [
    'Авторлар оқыту кезінде әр қабаттың LoRA рангін бейімдейтін RankFlow әдісін ұсынады.',
    'ImageNet деректерінде әдіс 84,7 % дәлдікке жетеді және толық баптауға қарағанда 40 % аз жад пайдаланады.',
    'Бұл тәсіл graph neural network-ті auxiliary supervision және contrastive learning әдістерімен біріктіреді.',
  ],
  ky: [
    'Авторлор окутуу учурунда ар бир катмардын LoRA рангын ыңгайлаштырган RankFlow ыкмасын сунушташат.',
    'ImageNet боюнча ыкма 84,7 % тактыкка жетет жана толук тууралоого караганда 40 % аз эс тутумду колдонот.',
    "Бул ыкма graph neural network'ту auxiliary supervision жана contrastive learning менен айкалыштырат.",
  ],
  tg: [
    'Муаллифон RankFlow-ро пешниҳод мекунанд, ки усули мутобиқ кардани ранги LoRA-и ҳар қабат ҳангоми омӯзиш аст.',
    'Дар ImageNet ин усул ба дақиқии 84,7 % мерасад ва нисбат ба танзими пурра 40 % хотираи камтар истифода мебарад.',
    'Ин равиш graph neural network-ро бо auxiliary supervision ва contrastive learning муттаҳид мекунад.',
  ],
  fa: [
    'نویسندگان RankFlow را پیشنهاد می‌کنند، روشی که رتبهٔ LoRA هر لایه را در طول آموزش تنظیم می‌کند.',
    'این روش روی ImageNet به دقت ۸۴٫۷ درصد می‌رسد و ۴۰ درصد حافظهٔ کمتری نسبت به تنظیم دقیق کامل مصرف می‌کند.',
    'این رویکرد یک graph neural network را با auxiliary supervision و contrastive learning ترکیب می‌کند.',
  ],
  ar: [
    'يقترح المؤلفون RankFlow، وهي طريقة تكيّف رتبة LoRA لكل طبقة أثناء التدريب.',
    'على ImageNet، تحقق الطريقة دقة 84.7% وتستخدم ذاكرة أقل بنسبة 40% من الضبط الدقيق الكامل.',
    'يجمع هذا النهج بين graph neural network و auxiliary supervision و contrastive learning في إطار واحد.',
  ],
  ur: [
    'مصنفین RankFlow پیش کرتے ہیں، ایک ایسا طریقہ جو تربیت کے دوران ہر پرت کے LoRA رینک کو ڈھالتا ہے۔',
    'ImageNet پر یہ طریقہ 84.7 فیصد درستگی حاصل کرتا ہے اور مکمل فائن ٹیوننگ کے مقابلے میں 40 فیصد کم میموری استعمال کرتا ہے۔',
    'یہ طریقہ graph neural network کو auxiliary supervision اور contrastive learning کے ساتھ جوڑتا ہے۔',
  ],
  el: [
    'Οι συγγραφείς προτείνουν το RankFlow, μια μέθοδο που προσαρμόζει την τάξη LoRA κάθε επιπέδου κατά την εκπαίδευση.',
    'Στο ImageNet η μέθοδος φτάνει σε ακρίβεια 84,7% και χρησιμοποιεί 40% λιγότερη μνήμη από την πλήρη προσαρμογή.',
    'Η προσέγγιση συνδυάζει ένα graph neural network με auxiliary supervision και contrastive learning.',
  ],
  he: [
    'המחברים מציעים את RankFlow, שיטה שמתאימה את הדרגה של LoRA בכל שכבה במהלך האימון.',
    'על ImageNet השיטה מגיעה לדיוק של 84.7% ומשתמשת ב־40% פחות זיכרון מכוונון מלא.',
    'הגישה משלבת graph neural network עם auxiliary supervision ו־contrastive learning.',
  ],
  hi: [
    'लेखक RankFlow प्रस्तावित करते हैं, एक विधि जो प्रशिक्षण के दौरान प्रत्येक परत के LoRA रैंक को समायोजित करती है।',
    'ImageNet पर यह विधि 84.7% सटीकता हासिल करती है और पूर्ण फ़ाइन-ट्यूनिंग की तुलना में 40% कम मेमोरी का उपयोग करती है।',
    'यह दृष्टिकोण graph neural network को auxiliary supervision और contrastive learning के साथ जोड़ता है।',
  ],
  'zh-CN': [
    '作者提出 RankFlow，一种在训练过程中动态调整每一层 LoRA 秩的方法。',
    '在 ImageNet 上，该方法达到 84.7% 的准确率，并比完全微调少用 40% 的内存。',
    '本文提出一种利用 auxiliary supervision 的 graph neural network，用于提升节点分类的准确率。',
  ],
  'zh-TW': [
    '作者提出 RankFlow，一種在訓練過程中動態調整每一層 LoRA 秩的方法。',
    '在 ImageNet 上，該方法達到 84.7% 的準確率，並比完全微調少用 40% 的記憶體。',
    '本文提出一種利用 auxiliary supervision 的 graph neural network，用於提升節點分類的準確率。',
  ],
  ja: [
    '著者らはRankFlowを提案し、学習中に各層のLoRAランクを動的に調整する。',
    'ImageNetでは84.7%の精度を達成し、完全なファインチューニングより40%少ないメモリで動作する。',
    '本研究では auxiliary supervision を用いた graph neural network を提案し、ノード分類の精度を向上させる。',
  ],
  ko: [
    '저자들은 학습 중에 각 층의 LoRA 랭크를 동적으로 조정하는 RankFlow를 제안한다.',
    'ImageNet에서 이 방법은 84.7%의 정확도를 달성하며 전체 미세 조정보다 메모리를 40% 적게 사용한다.',
    '본 논문은 auxiliary supervision을 활용한 graph neural network를 제안하여 노드 분류 정확도를 높인다.',
  ],
};
