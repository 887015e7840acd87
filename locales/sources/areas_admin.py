{
"Give the parent area and the names, separated by “|”: parent area | English | Arabic | Sorani | Kurmanji | other spellings (separated by commas). The Arabic name is required; leave a part empty if you do not know it.": {
 "ar": "اكتب المنطقة الأم والأسماء مفصولة بالعلامة “|”: المنطقة الأم | الاسم بالإنجليزية | بالعربية | بالكردية السورانية | بالكرمانجية | كتابات أخرى (مفصولة بفواصل). الاسم العربي مطلوب؛ اترك أي جزء فارغًا إن لم تعرفه.",
 "ckb": "ناوچەی سەرەکی و ناوەکان بنووسە و بە “|” جیایان بکەرەوە: ناوچەی سەرەکی | ئینگلیزی | عەرەبی | سۆرانی | کورمانجی | شێوەنووسینەکانی تر (بە فاریزە جیا بکرێنەوە). ناوی عەرەبی پێویستە؛ ئەگەر بەشێکت نەزانی بەتاڵی بهێڵەوە.",
 "ku": "Devera jorîn û navan binivîse, bi “|” ji hev veqetîne: devera jorîn | Îngilîzî | Erebî | Soranî | Kurmancî | rastnivîsên din (bi bêhnokan ji hev veqetandî). Navê erebî pêwîst e; heke tu beşekê nizanî, vala bihêle."},
"Give the name of the area the new place belongs to, before the first “|”.": {
 "ar": "اكتب اسم المنطقة التي يتبع لها المكان الجديد، قبل أول علامة “|”.",
 "ckb": "ناوی ئەو ناوچەیە بنووسە کە شوێنە نوێیەکە سەر بەوە، پێش یەکەم “|”.",
 "ku": "Navê devera ku cihê nû girêdayî wê ye binivîse, berî “|” ya yekem."},
"The Arabic name is required (the third part).": {
 "ar": "الاسم العربي مطلوب (الجزء الثالث).",
 "ckb": "ناوی عەرەبی پێویستە (بەشی سێیەم).",
 "ku": "Navê erebî pêwîst e (beşa sêyem)."},
"The name in {language} contains control characters. Type it again.": {
 "ar": "الاسم بلغة {language} يحتوي على محارف تحكّم. اكتبه من جديد.",
 "ckb": "ناوەکە بە {language} پیتی کۆنترۆڵی تێدایە. دووبارە بینووسەوە.",
 "ku": "Navê bi {language} tîpên kontrolê tê de hene. Ji nû ve binivîse."},
"The name in {language} is too long: {length} characters, at most {limit}.": {
 "ar": "الاسم بلغة {language} طويل جدًا: {length} حرفًا، والحد الأقصى {limit}.",
 "ckb": "ناوەکە بە {language} زۆر درێژە: {length} پیت، زۆرترین {limit}.",
 "ku": "Navê bi {language} pir dirêj e: {length} tîp, herî zêde {limit}."},
"The name in {language} has no letters.": {
 "ar": "الاسم بلغة {language} لا يحتوي على أي حرف.",
 "ckb": "ناوەکە بە {language} هیچ پیتێکی تێدا نییە.",
 "ku": "Di navê bi {language} de ti tîp tune ne."},
"The name in {language} must be written in Arabic script.": {
 "ar": "يجب أن يُكتب الاسم بلغة {language} بالحروف العربية.",
 "ckb": "دەبێت ناوەکە بە {language} بە پیتی عەرەبی بنووسرێت.",
 "ku": "Divê navê bi {language} bi tîpên erebî were nivîsandin."},
"The name in {language} must be written in Latin letters.": {
 "ar": "يجب أن يُكتب الاسم بلغة {language} بالحروف اللاتينية.",
 "ckb": "دەبێت ناوەکە بە {language} بە پیتی لاتینی بنووسرێت.",
 "ku": "Divê navê bi {language} bi tîpên latînî were nivîsandin."},
"An alias contains control characters. Type it again.": {
 "ar": "إحدى الكتابات الأخرى تحتوي على محارف تحكّم. اكتبها من جديد.",
 "ckb": "یەکێک لە شێوەنووسینەکان پیتی کۆنترۆڵی تێدایە. دووبارە بینووسەوە.",
 "ku": "Di rastnivîseke din de tîpên kontrolê hene. Ji nû ve binivîse."},
"The alias “{alias}” is too long: {length} characters, at most {limit}.": {
 "ar": "الكتابة «{alias}» طويلة جدًا: {length} حرفًا، والحد الأقصى {limit}.",
 "ckb": "شێوەنووسینی «{alias}» زۆر درێژە: {length} پیت، زۆرترین {limit}.",
 "ku": "Rastnivîsa “{alias}” pir dirêj e: {length} tîp, herî zêde {limit}."},
"The alias “{alias}” has no letters.": {
 "ar": "الكتابة «{alias}» لا تحتوي على أي حرف.",
 "ckb": "شێوەنووسینی «{alias}» هیچ پیتێکی تێدا نییە.",
 "ku": "Di rastnivîsa “{alias}” de ti tîp tune ne."},
"Give at most {limit} other spellings at a time.": {
 "ar": "الحد الأقصى للكتابات الأخرى في المرة الواحدة: {limit}.",
 "ckb": "لە یەک جاردا زۆرترین {limit} شێوەنووسینی تر بنووسە.",
 "ku": "Di carekê de herî zêde {limit} rastnivîsên din binivîse."},
"That area name is too long: {length} characters, at most {limit}.": {
 "ar": "اسم المنطقة هذا طويل جدًا: {length} حرفًا، والحد الأقصى {limit}.",
 "ckb": "ئەم ناوی ناوچەیە زۆر درێژە: {length} پیت، زۆرترین {limit}.",
 "ku": "Ev navê deverê pir dirêj e: {length} tîp, herî zêde {limit}."},
"Give the area and the alias, separated by “|”.": {
 "ar": "اكتب المنطقة والكتابة الأخرى، مفصولتين بالعلامة “|”.",
 "ckb": "ناوچەکە و شێوەنووسینەکە بنووسە، بە “|” جیایان بکەرەوە.",
 "ku": "Deverê û rastnivîsê binivîse, bi “|” ji hev veqetîne."},
"Which area does the new place belong to? Choose one.": {
 "ar": "إلى أي منطقة يتبع المكان الجديد؟ اختر واحدة.",
 "ckb": "شوێنە نوێیەکە سەر بە کام ناوچەیە؟ یەکێک هەڵبژێرە.",
 "ku": "Cihê nû girêdayî kîjan deverê ye? Yekê hilbijêre."},
"{place} is a village: a new place goes under a governorate, district, sub-district or town.": {
 "ar": "{place} قرية: يُضاف المكان الجديد تحت محافظة أو قضاء أو ناحية أو بلدة.",
 "ckb": "{place} گوندە: شوێنی نوێ دەخرێتە ژێر پارێزگا، قەزا، ناحیە یان شارۆچکەیەک.",
 "ku": "{place} gund e: cihê nû dikeve bin parêzgeh, qeza, nahiye an bajarokekî."},
"A new town cannot go under {place}: choose a governorate, district or sub-district.": {
 "ar": "لا يمكن إضافة بلدة جديدة تحت {place}: اختر محافظة أو قضاءً أو ناحية.",
 "ckb": "شارۆچکەیەکی نوێ ناتوانرێت بخرێتە ژێر {place}: پارێزگا، قەزا یان ناحیەیەک هەڵبژێرە.",
 "ku": "Bajarokekî nû nikare bikeve bin {place}: parêzgehekê, qezayekê an nahiyeyekê hilbijêre."},
"There is already a place called “{name}” there: {place}. Nothing was added.": {
 "ar": "يوجد هناك مكان باسم «{name}»: {place}. لم يُضَف شيء.",
 "ckb": "لەوێ شوێنێک بە ناوی «{name}» هەیە: {place}. هیچ شتێک زیاد نەکرا.",
 "ku": "Li wir jixwe cihek bi navê “{name}” heye: {place}. Tiştek nehat zêdekirin."},
"That area no longer exists. Nothing was added.": {
 "ar": "هذه المنطقة لم تعد موجودة. لم يُضَف شيء.",
 "ckb": "ئەو ناوچەیە چیتر نەماوە. هیچ شتێک زیاد نەکرا.",
 "ku": "Ew dever êdî tune ye. Tiştek nehat zêdekirin."},
"<b>New place — check it before adding</b>": {
 "ar": "<b>مكان جديد — راجعه قبل الإضافة</b>",
 "ckb": "<b>شوێنی نوێ — پێش زیادکردن بیپشکنە</b>",
 "ku": "<b>Cihê nû — berî zêdekirinê kontrol bike</b>"},
"It goes under {parent}.": {
 "ar": "يُضاف تحت {parent}.",
 "ckb": "دەخرێتە ژێر {parent}.",
 "ku": "Dikeve bin {parent}."},
"Other spellings: {aliases}": {
 "ar": "كتابات أخرى: {aliases}",
 "ckb": "شێوەنووسینەکانی تر: {aliases}",
 "ku": "Rastnivîsên din: {aliases}"},
"Other spellings: none": {
 "ar": "كتابات أخرى: لا يوجد",
 "ckb": "شێوەنووسینەکانی تر: نییە",
 "ku": "Rastnivîsên din: tune"},
"✅ Add": {"ar": "✅ أضِف", "ckb": "✅ زیادی بکە", "ku": "✅ Zêde bike"},
"✖️ Cancel": {"ar": "✖️ إلغاء", "ckb": "✖️ هەڵوەشاندنەوە", "ku": "✖️ Betal bike"},
"✅ <b>Added:</b> {place} (code {pcode}).": {
 "ar": "✅ <b>أُضيف:</b> {place} (الرمز {pcode}).",
 "ckb": "✅ <b>زیاد کرا:</b> {place} (کۆد {pcode}).",
 "ku": "✅ <b>Hat zêdekirin:</b> {place} (kod {pcode})."},
"Residents can find it now by typing any of its names or other spellings. Until an operator sets its status they are told there is no information about it, never that it is safe. /setstatus sets its status.": {
 "ar": "يستطيع السكان الآن العثور عليه بكتابة أي من أسمائه أو كتاباته الأخرى. وإلى أن يحدّد مسؤول سلامة وضعه، سيُقال لهم إنه لا توجد معلومات عنه، ولن يُقال أبدًا إنه آمن. الأمر /setstatus يحدّد وضعه.",
 "ckb": "دانیشتووان ئێستا دەتوانن بە نووسینی هەر یەکێک لە ناوەکان یان شێوەنووسینەکانی بیدۆزنەوە. تا بەرپرسێکی سەلامەتی دۆخەکەی دیاری نەکات، پێیان دەوترێت هیچ زانیارییەک دەربارەی نییە، هەرگیز نا کە سەلامەتە. /setstatus دۆخەکەی دیاری دەکات.",
 "ku": "Niştecih êdî dikarin bi nivîsandina yek ji nav an rastnivîsên wê wê bibînin. Heta ku berpirsekî ewlehiyê rewşa wê diyar neke, ji wan re tê gotin ku li ser wê ti agahî tune ne, qet ne ku ew ewle ye. /setstatus rewşa wê diyar dike."},
"Cancelled. Nothing was added.": {
 "ar": "أُلغي. لم يُضَف شيء.",
 "ckb": "هەڵوەشێنرایەوە. هیچ شتێک زیاد نەکرا.",
 "ku": "Hat betalkirin. Tiştek nehat zêdekirin."},
"✅ “{alias}” is now another spelling of {place}. Residents who type it find the place.": {
 "ar": "✅ أصبحت «{alias}» كتابة أخرى لـ {place}. من يكتبها من السكان يجد المكان.",
 "ckb": "✅ «{alias}» ئێستا شێوەنووسینێکی ترە بۆ {place}. ئەو دانیشتووانەی دەینووسن شوێنەکە دەدۆزنەوە.",
 "ku": "✅ “{alias}” êdî rastnivîseke din a {place} e. Niştecihên ku wê dinivîsin cih dibînin."},
"{place} already has the name or spelling “{alias}”.": {
 "ar": "لدى {place} الاسم أو الكتابة «{alias}» من قبل.",
 "ckb": "{place} پێشتر ناو یان شێوەنووسینی «{alias}»ی هەیە.",
 "ku": "Nav an rastnivîsa “{alias}” jixwe ya {place} e."},
"“{alias}” is no longer a spelling of {place}.": {
 "ar": "لم تعد «{alias}» كتابة لـ {place}.",
 "ckb": "«{alias}» چیتر شێوەنووسینی {place} نییە.",
 "ku": "“{alias}” êdî ne rastnivîseke {place} ye."},
"“{alias}” is a name of {place}, not another spelling: names come from the data files.": {
 "ar": "«{alias}» اسم من أسماء {place}، وليست كتابة أخرى: الأسماء تأتي من ملفات البيانات.",
 "ckb": "«{alias}» یەکێکە لە ناوەکانی {place}، نەک شێوەنووسینێکی تر: ناوەکان لە فایلەکانی داتاوە دێن.",
 "ku": "“{alias}” navekî {place} e, ne rastnivîseke din: nav ji pelên daneyan tên."},
"{place} has no spelling “{alias}”. /aliases lists its spellings.": {
 "ar": "ليس لدى {place} كتابة «{alias}». الأمر /aliases يعرض كتاباته.",
 "ckb": "{place} شێوەنووسینی «{alias}»ی نییە. /aliases شێوەنووسینەکانی پیشان دەدات.",
 "ku": "Rastnivîsa “{alias}” ya {place} tune ye. /aliases rastnivîsên wê nîşan dide."},
"<b>{place}</b> (code {pcode})": {
 "ar": "<b>{place}</b> (الرمز {pcode})",
 "ckb": "<b>{place}</b> (کۆد {pcode})",
 "ku": "<b>{place}</b> (kod {pcode})"},
"status unknown": {"ar": "الوضع غير معروف", "ckb": "دۆخ نەزانراوە", "ku": "rewş ne diyar e"},
"suspected hazardous": {"ar": "يُشتبه بخطورتها", "ckb": "گومانی مەترسی لێدەکرێت", "ku": "xetereya bi guman"},
"confirmed hazardous": {"ar": "خطورتها مؤكَّدة", "ckb": "مەترسیی پشتڕاستکراوە", "ku": "xetereya piştrastkirî"},
"clearance in progress": {"ar": "التطهير جارٍ", "ckb": "پاککردنەوە بەردەوامە", "ku": "paqijkirin berdewam e"},
"cleared": {"ar": "مُطهَّرة", "ckb": "پاک کراوەتەوە", "ku": "hat paqijkirin"},
"cancelled (no evidence found)": {"ar": "أُلغيت (لم يُعثر على دليل)", "ckb": "هەڵوەشێنرایەوە (هیچ بەڵگەیەک نەدۆزرایەوە)", "ku": "hat betalkirin (ti nîşan nehat dîtin)"},
"Residents who ask about these areas are warned that the information may be out of date. /setstatus records a new assessment.": {
 "ar": "يُنبَّه السكان الذين يسألون عن هذه المناطق إلى أن المعلومات قد لا تكون محدَّثة. الأمر /setstatus يسجّل تقييمًا جديدًا.",
 "ckb": "ئەو دانیشتووانەی پرسیار دەربارەی ئەم ناوچانە دەکەن ئاگادار دەکرێنەوە کە لەوانەیە زانیارییەکە کۆن بێت. /setstatus هەڵسەنگاندنێکی نوێ تۆمار دەکات.",
 "ku": "Niştecihên ku li ser van deveran dipirsin tên hişyarkirin ku dibe ku agahî ne nû be. /setstatus nirxandineke nû tomar dike."},
"• {place}: {status}, {date}, {source}, {n} day old": {
 "ar": ["• {place}: {status}، {date}، {source}، منذ اليوم", "• {place}: {status}، {date}، {source}، منذ يوم واحد", "• {place}: {status}، {date}، {source}، منذ يومين", "• {place}: {status}، {date}، {source}، منذ {n} أيام", "• {place}: {status}، {date}، {source}، منذ {n} يومًا", "• {place}: {status}، {date}، {source}، منذ {n} يوم"],
 "ckb": ["• {place}: {status}، {date}، {source}، {n} ڕۆژ لەمەوبەر", "• {place}: {status}، {date}، {source}، {n} ڕۆژ لەمەوبەر"],
 "ku": ["• {place}: {status}, {date}, {source}, berî {n} rojê", "• {place}: {status}, {date}, {source}, berî {n} rojan"]},
"📋 <b>Daily status check:</b> {n} area has a safety status that may be out of date.": {
 "ar": ["📋 <b>فحص الأوضاع اليومي:</b> لا توجد مناطق قد لا يكون وضعها الأمني محدَّثًا.", "📋 <b>فحص الأوضاع اليومي:</b> منطقة واحدة قد لا يكون وضعها الأمني محدَّثًا.", "📋 <b>فحص الأوضاع اليومي:</b> منطقتان قد لا يكون وضعهما الأمني محدَّثًا.", "📋 <b>فحص الأوضاع اليومي:</b> {n} مناطق قد لا يكون وضعها الأمني محدَّثًا.", "📋 <b>فحص الأوضاع اليومي:</b> {n} منطقة قد لا يكون وضعها الأمني محدَّثًا.", "📋 <b>فحص الأوضاع اليومي:</b> {n} منطقة قد لا يكون وضعها الأمني محدَّثًا."],
 "ckb": ["📋 <b>پشکنینی ڕۆژانەی دۆخەکان:</b> دۆخی سەلامەتیی {n} ناوچە لەوانەیە نوێ نەکرابێتەوە.", "📋 <b>پشکنینی ڕۆژانەی دۆخەکان:</b> دۆخی سەلامەتیی {n} ناوچە لەوانەیە نوێ نەکرابێتەوە."],
 "ku": ["📋 <b>Kontrola rewşan a rojane:</b> dibe ku rewşa ewlehiyê ya {n} deverê ne nû be.", "📋 <b>Kontrola rewşan a rojane:</b> dibe ku rewşa ewlehiyê ya {n} deveran ne nû be."]},
"Not updated for more than {n} day, oldest first:": {
 "ar": ["لم تُحدَّث منذ أكثر من {n} يوم، والأقدم أولًا:", "لم تُحدَّث منذ أكثر من يوم واحد، والأقدم أولًا:", "لم تُحدَّث منذ أكثر من يومين، والأقدم أولًا:", "لم تُحدَّث منذ أكثر من {n} أيام، والأقدم أولًا:", "لم تُحدَّث منذ أكثر من {n} يومًا، والأقدم أولًا:", "لم تُحدَّث منذ أكثر من {n} يوم، والأقدم أولًا:"],
 "ckb": ["زیاتر لە {n} ڕۆژە نوێ نەکراونەتەوە، کۆنترینەکان سەرەتا:", "زیاتر لە {n} ڕۆژە نوێ نەکراونەتەوە، کۆنترینەکان سەرەتا:"],
 "ku": ["Ji {n} rojê zêdetir e ku nehatine nûkirin, yên herî kevn pêşî:", "Ji {n} rojan zêdetir e ku nehatine nûkirin, yên herî kevn pêşî:"]},
"…and {n} more.": {
 "ar": ["…ولا شيء غيرها.", "…ومنطقة أخرى.", "…ومنطقتان أخريان.", "…و{n} مناطق أخرى.", "…و{n} منطقة أخرى.", "…و{n} منطقة أخرى."],
 "ckb": ["…و {n} ناوچەی تر.", "…و {n} ناوچەی تر."],
 "ku": ["…û deverek din.", "…û {n} deverên din."]},
}
