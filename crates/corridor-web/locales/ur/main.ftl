## ہر صفحے کا ڈھانچہ۔
skip-to-content = مواد پر جائیں
nav-main = مرکزی فہرست
nav-home = سرورق
nav-meetings = اجلاس
nav-register = نتائج کا رجسٹر
nav-instruments = معاہدات
nav-portfolio = منصوبے
nav-studies = مطالعات
nav-exchanges = تبادلے
nav-business = کاروباری تعاون
nav-impact = اثرات
nav-parties = فریقین
nav-organisations = ادارے
nav-people = افراد
nav-activity = سرگرمی
nav-accounts = اکاؤنٹس
nav-deliveries = انتباہی ای میل
inbox = ان باکس
unread = { $count ->
    [one] { $count } نہ پڑھا ہوا
   *[other] { $count } نہ پڑھے ہوئے
}
sign-in = سائن ان
sign-out = سائن آؤٹ
search = تلاش
language = زبان
language-change = تبدیل کریں
follow = فالو کریں
following-stop = فالو جاری · بند کریں
alert-settings = انتباہ کی ترتیبات
footer = Corridor · مشترکہ ورکنگ گروپ کا سیکرٹریٹ
footer-api = اے پی آئی

## سائن ان۔
login-title = سائن ان
login-username = صارف نام
login-password = پاس ورڈ

## سرورق۔
home-title = Corridor
home-intro = Corridor صنعتی تعاون کے مشترکہ ورکنگ گروپ کا سیکرٹریٹ ہے: اس کے اجلاس، معاہدے، منصوبے اور ان کے اثرات، جو دونوں فریقین کے درمیان مشترک ہیں۔
home-sign-in-to-see = اپنے فریق کی مشترکہ معلومات دیکھنے کے لیے سائن ان کریں۔
home-new = نیا کیا ہے
home-nothing-new = آپ کے دیکھنے کے قابل کوئی تبدیلی نہیں ہوئی۔
home-all-activity = تمام سرگرمی
home-due = واجب الادا
home-nothing-due = { $count ->
    [one] اگلے ایک دن میں کوئی معیاد ختم نہیں ہو رہی۔
   *[other] اگلے { $count } دنوں میں کوئی معیاد ختم نہیں ہو رہی۔
}
home-directory = فہرستِ روابط
home-parties = { $count ->
    [one] { $count } فریق
   *[other] { $count } فریقین
}
home-organisations = { $count ->
    [one] { $count } ادارہ
   *[other] { $count } ادارے
}
home-people = { $count ->
    [one] { $count } فرد
   *[other] { $count } افراد
}
home-you-may-see = جو آپ دیکھ سکتے ہیں

## تلاش۔
search-title = تلاش
search-label = انگریزی، چینی یا اردو میں ہر وہ ریکارڈ تلاش کریں جو آپ دیکھ سکتے ہیں
search-in = میں
search-every-area = تمام شعبے
search-button = تلاش کریں
search-help = ہر لفظ کا ہونا ضروری ہے؛ جملے کے لیے الفاظ کو واوین میں لکھیں اور کسی لفظ کو خارج کرنے کے لیے اس سے پہلے منفی کا نشان لگائیں۔
search-narrowed = محدود کردہ
search-remove = { $what } ہٹائیں
search-narrow = نتائج محدود کریں
search-results-label = نتائج
search-nothing = آپ کے دیکھنے کے قابل کوئی ریکارڈ “{ $query }” سے مطابقت نہیں رکھتا۔ کم الفاظ، دوسرا املا یا دوسری زبان آزمائیں۔
search-results = { $count ->
    [one] { $count } نتیجہ
   *[other] { $count } نتائج
}
search-shown = { $from } تا { $to } دکھائے گئے
search-previous = پچھلا صفحہ
search-next = اگلا صفحہ
facet-area = شعبہ
facet-body = ادارہ
facet-party = فریق
facet-status = حیثیت
facet-year = سال
area-meetings = اجلاس اور کارروائی
area-register = نتائج کا رجسٹر
area-instruments = معاہدات
area-portfolio = منصوبے
area-studies = مطالعات
area-exchanges = تبادلے اور کاروباری تعاون
area-results = قابلِ پیمائش اثرات
area-directory = فہرستِ روابط

## ہر شعبے کی فہرستیں، ریکارڈ، فارم اور تاریخ۔
list-add = شامل کریں
list-filter = چھانٹیں
record-edit = ترمیم کریں
record-history = تاریخ
record-json = یہ ریکارڈ JSON میں
form-cancel = منسوخ کریں
history-empty = آپ کے دیکھنے کے قابل کوئی تبدیلی درج نہیں۔
history-did = { $action }
history-event = واقعہ نمبر { $seq }
history-removed = حذف شدہ
error-not-found = نہیں ملا
error-forbidden = اجازت نہیں
error-conflict = اس دوران تبدیل ہو گیا
error-too-many = بہت زیادہ کوششیں
error-request = یہ درخواست پوری نہیں کی جا سکتی
error-server = سرور کی خرابی
