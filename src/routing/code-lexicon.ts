/**
 * Words that signal a coding task, in the languages dragoman's users write in. Written from general
 * knowledge of how programmers phrase requests (not learned from any evaluation set). A trailing `*` marks
 * a stem that also matches longer words (`функци*` matches функция, функцию); `=N` sets the weight
 * (default 2). Weights: 2 = a programming term, 1-1.5 = usually programming, <1 = common words that add up.
 * @module
 */

const LATIN = `
python=2.5 javascript=2.5 typescript=2.5 java golang php sql html css regex* regexp json xml yaml csv=1.5
api=1.5 apis=1.5 http=1 https=1 bash shell=1 linux=1 git github npm pip docker kubernetes numpy pandas
django flask react=1.5 nodejs compiler* compile* debug* bug=1.5 bugs=1.5 code=2 coding codes=1.5 coder=1.5
program* script=1.5 scripts=1.5 function* method=1 methods=1 algorithm* array* integer* string=1.5
strings=1.5 boolean variable* loop=1.5 loops=1.5 recurs* dataframe* dictionary=1 dict=1.5 list=0.7
lists=1 tuple* matrix=1 sort=1 sorted=1 sorting=1 element=0.7 elements=0.7 substring* parse=1 parser=1.5
return=1 returns=1 implement* refactor* exception* error=1 errors=1 stack=0.7 syntax* runtime database=1
query=1 queries=1 directory=0.7 execute=1 execution=1 output=0.7 input=0.7 print=1 class=0.5 object=0.5
install=1 library=0.5 module=1 framework=1 unicode utf=1.5 ascii byte=1 bytes=1 binary=1 hex=1 digits=0.7
write=0.5 fix=0.5 null=1.5 undefined=1.5 lambda=1.5 iterate* iterator* index=0.5 indices=1 def=1 elif=2
const=1 var=1 async=1.5 await=1.5 void=1 struct=1.5 println printf stdin stdout stderr boolean* regex=2
sql=2 jupyter vscode ide=1 cli=1 endpoint* backend frontend url*=1.5 value=0.5 values=0.5 column=0.7
columns=0.7 parameter*=1.5 argument*=1 key=0.5 keys=0.7 convert=0.5 replace=0.5 split=0.7 append=1
concatenate=1.5 character=0.5 characters=0.7 whitespace newline lowercase=1 uppercase=1 float=1.5 int=1.5
datetime timestamp=1 format=0.5 remove=0.3 delete=0.3 dict=1.5 dicts
función* funcion* programa* código=2 codigo=2 lista=0.7 cadena=1.5 cadenas=1.5 entero* arreglo* matriz=1
bucle* clase=0.5 archivo=0.7 devuelve=1 devolver=1 retorna=1.5 implementa* escribe=0.5 escribir=0.5
diccionario=1 elemento=0.7 elementos=0.7 método*=1 metodo*=1 parámetro*=1.5 parametro*=1.5 columna*=0.7
expresión=0.5 expresiones=0.5 convertir=0.5 ordenar=0.7 obtener=0.3 eliminar=0.3 fila=0.5 filas=0.5
caracteres=0.7 clave=0.5
fonction* programme=1.5 liste=0.7 chaîne=1.5 chaine=1.5 entier* tableau=1 boucle* renvoie=1 renvoyer=1
retourne=1.5 écrire=0.5 écrivez=0.5 implément* fichier=0.7 élément=0.7 éléments=0.7 dictionnaire=1
caractère*=0.7 chaînes=1.5 chaines=1.5 booléen*=1.5 entrée=0.5 sortie=0.5 trier=1 trié=0.7 triée=0.7 triés=0.7
décroissant=0.7 récursi*=1.5 paramètre*=1.5 renvoyez=1 retournez=1.5 retourner=1 renvoyant=1 retournant=1
valeur=0.5 valeurs=0.5 méthode*=1 classe=0.5 chiffres=0.5 indice=0.5 nombres=0.3
funktion* programm* zeichenkette* ganzzahl* schleife* rückgabe* zurück=0.5 schreibe=0.5 schreiben=0.5
datei=0.7 elemente=0.7 implementier* wörterbuch=1
zeichenfolge*=2 teilzeichenkette* zurückg*=1 zeichen=0.5 zahlen=0.5 primzahl*=1 eingabe=0.7 ausgabe=0.7
rekursi*=1.5 sortier*=1 aufsteigend*=1 absteigend*=1 klasse=0.5 methode=1 methoden=1 objekt=0.5 wert=0.5
werte=0.5 boolesch*=1.5 dezimal*=0.7 binär*=1
fonksiyon* işlev* dizi=1.5 tamsayı* döndür* kod=2 kodu=2 kodunu=2 dize*=1.5 karakter*=0.7
değişken*=1.5 döngü*=1.5 sözlük*=1 eleman*=0.7 parametre*=1.5 algoritma*=2 sırala*=1 sıralı=0.7 listesi=0.7
listedeki=0.7 listede=0.7 sayılar*=0.5 girdi=0.5 çıktı=0.5 dönüş*=0.7 ondalık=0.5 ikili=0.5
funzion* codice=2 stringa* intero* ciclo=0.7 restituisc* função funções funcao código=2 inteiro* retorna=1.5
functie* programmeer* funkcj* kod=2 tablic*=1 ciąg*=0.7 zwraca*=1 fungsi* kode=2 larik pemrograman hàm=1
`;

// Technology names: languages, libraries, frameworks, tools, formats. A name alone is a strong hint, not
// a verdict: the request model weighs it against the rest of the sentence ("spring", "shell", "java").
const TECHNOLOGY = `
mysql postgresql postgres sqlite mongodb redis oracle=1 awk sed=1 grep qt=1.5 spring=0.5 kotlin swift=0.7
scala haskell matlab perl ruby=0.7 rails=0.7 rust=0.7 csharp cpp dotnet asp linq hibernate jquery ajax angular
vue=1 webpack nginx apache=0.7 tomcat jvm jdk gradle maven cocoa xcode ios=1 android=1.5 wpf winforms xaml
opengl cuda tensorflow pytorch keras sklearn scipy matplotlib excel=0.7 vba macro*=1 wordpress=1.5 drupal
magento sharepoint svn eclipse intellij netbeans emacs vim makefile cmake gcc clang llvm jsp servlet* jdbc
odbc orm sqlalchemy graphql restful soap=0.5 oauth jwt ssl=1 tls=1 tcp=1 udp=1 socket*=1.5 thread*=1 mutex
multithread* regular=0.3 expression=0.5 htaccess cron crontab ssh=1.5 powershell cmd=1 terminal=0.7 unix=1.5
sudo chmod chown xargs gzip localhost dll=1.5 exe=1 yarn conda virtualenv latex=1.5 markdown=1 xpath xslt
dom=1 jsx iframe div=1 href plugin*=1 widget*=1 controller*=1 viewmodel mvc injection=0.5 deploy*=1
server=0.7 linker segfault malloc pointer*=1.5 recursion compiler stl=1 template*=0.5 generic*=0.7 enum*
namespace* interface=0.7 inheritance=1 polymorphism=1.5 constructor*=1.5 getter* setter* bytecode lua
fortran cobol pascal=0.5 delphi assembly=0.7 verilog vhdl arduino raspberry=0.5 django flask fastapi express=0.3
nodejs deno laravel symfony codeigniter rails spark=0.5 hadoop kafka elasticsearch firebase aws=1.5 azure=1
gcp heroku vercel terraform ansible jenkins webhook* cookie*=0.3 session*=0.5 cache*=1 heap=1 stack=0.7
queue=1 hashmap hashtable linkedlist bst xml json yaml toml csv=1.5 sdk=1.5 ide=1 gui=1 ui=0.7 ux=0.5
`;

const CYRILLIC = `
функци* функці* програм* программ* код=2 кода=2 коде=2 коду=2 список=1 списк*=1 строк*=1 регуляр*=1.5 параметр*=1.5 преобраз*=0.5 удал*=0.3 получить=0.3 сортиров*=1.5
ключ*=0.5 значени*=0.5 символ*=1
массив* элемент*=0.7 словар*=1 питон* цикл*=1.5 переменн*=1.5 файл*=0.7 класс*=0.5 вернуть=1 возвращ*=1.5
напиш*=0.5 реализ*=1.5 сортир*=1.5 отсортир*=1.5 скрипт* ошибк*=1 целых=0.7 целое=0.7 числ*=0.5 как=0.3
`;

const ARABIC = `
دالة الدالة دالة=2 وظيفة=1 الوظيفة=1 برنامج=1.5 البرنامج=1.5 برمجة البرمجة بايثون جافا كود=2 الكود=2
شفرة=1.5 الشفرة=1.5 قائمة=1 القائمة=1 مصفوفة المصفوفة سلسلة=1 السلسلة=1 نصية=1 عدد=0.5 صحيح=0.7
اعداد=0.5 الاعداد=0.5 الارقام=0.5 ارجاع=2 ارجع=1.5 يعيد=1 تعيد=1 يتم=0.3 قيمة=1 القيمة=1 متغير=1.5
المعطاة=0.5 المعطى=0.5 حلقة=1 خوارزمية الخوارزمية تنفيذ=1 نفذ=1 اكتب=0.5 مثال=0.3 امثلة=0.5 الصحيحة=0.7 صحيحة=0.7
تابع=1.5 برنامه=1.5 کد=2 لیست=1.5 آرایه=2 رشته=1 برگرداند=1.5 بازگرداند=1.5 پایتون=2 الگوریتم=2
بنویس=0.5 بنویسید=0.5 اعداد=0.5 صحیح=0.7
قاموس=1.5 القاموس=1.5 سلاسل=1 السلاسل=1 دوال=2 الدوال=2 المدخلات=1 المخرجات=1 مدخلات=1 مخرجات=1 متغيرات=1.5
المتغيرات=1.5 المتغير=1.5 عناصر=0.7 العناصر=0.7 عنصر=0.5 العنصر=0.5 فهرس=0.7 الفهرس=0.7 تصاعدي=1 تصاعديا=1
تنازلي=1 تنازليا=1 منطقية=0.7 مصفوفات=2 المصفوفات=2 قوائم=1 القوائم=1 خوارزميات=2 برمجي=1.5 البرمجي=1.5
برمجية=1.5 البرمجية=1.5
`;

const INDIC = `
ফাংশন প্রোগ্রাম*=1.5 কোড=2 তালিকা=1 অ্যারে স্ট্রিং পূর্ণসংখ্যা* লিখুন=0.5 পাইথন ভেরিয়েবল অ্যালগরিদম ফেরত=1
फ़ंक्शन फंक्शन प्रोग्राम*=1.5 कोड=2 सूची=1 स्ट्रिंग पायथन लिखें=0.5 लिखो=0.5
`;

/** CJK terms, matched as substrings (no spaces to split on). */
const CJK = `
函数 代码 程序=1.5 编程 数组 列表=1 字符串 整数=1.5 返回=1.5 实现=1 编写=1 算法 变量 循环=1 排序=1 脚本=1.5
报错 调试 编译 正则 元素=0.7 字典=1 関数 コード プログラム=1.5 配列 リスト=1 文字列 返す=1 実装=1.5
スクリプト=1.5 エラー=1.5 変数 ループ=1.5 ソート=1 要素=0.7 辞書=1 取得=0.5 変換=0.5 ファイル=0.7
文字=0.5 数値=1 正規表現 行列=1 抽出=0.5 削除=0.5 並べ替え=1 昇順=1.5 降順=1.5 最大値=1 最小値=1 改行=1.5
インデックス=1.5 キー=0.5 文件=0.7 转换=0.5 获取=0.5 删除=0.5 升序=1.5 降序=1.5 最大值=1 最小值=1
换行=1.5 正则表达式 索引=1
`;

/**
 * Terms above that also have an everyday sense (the snake, the island, renal function, a TV programme,
 * dress code, the season): the request model weighs them apart from unambiguous terms, so one of them
 * alone does not make a coding request. Written from the words' dictionary senses.
 */
const EVERYDAY = new Set(
  `python java code codes program programme programs script scripts function functions functional shell
spring string strings class object bug bugs thread threads library ruby rust swift excel apache oracle
terminal server session sessions cache queue stack heap matrix loop loops key keys value values print
output input method methods error errors list lists element elements format index table sort sorted
sorting write fix remove delete replace convert character characters module framework install return
returns digits binary byte bytes cookie cookies template templates widget plugin package express spark
android ios assembly pascal regular expression interface generic`.split(/\s+/),
);

/** One lexicon entry. */
export interface CodeTerm {
  term: string;
  weight: number;
  /** True when the term is a stem matching longer words. */
  stem: boolean;
  /** True for terms with an everyday sense too (see `EVERYDAY`). */
  everyday?: boolean;
}

function parse(list: string): CodeTerm[] {
  const terms: CodeTerm[] = [];
  for (const entry of list.split(/\s+/)) {
    if (entry.length === 0) continue;
    const [word = '', weight] = entry.split('=');
    const stem = word.endsWith('*');
    const term = stem ? word.slice(0, -1) : word;
    const parsed: CodeTerm = { term, weight: weight ? Number(weight) : 2, stem };
    if (EVERYDAY.has(term)) parsed.everyday = true;
    terms.push(parsed);
  }
  return terms;
}

/** Terms matched per word (Latin, Cyrillic, Arabic-script, Indic scripts). */
export function wordTerms(): CodeTerm[] {
  return [...parse(LATIN), ...parse(TECHNOLOGY), ...parse(CYRILLIC), ...parse(ARABIC), ...parse(INDIC)];
}

/** Terms matched as substrings of CJK runs. */
export function cjkTerms(): CodeTerm[] {
  return parse(CJK);
}
