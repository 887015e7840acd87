{
"Write an announcement": {"ar": "كتابة إعلان", "ckb": "نووسینی ڕاگەیاندنێک", "ku": "Daxuyaniyekê binivîse"},
"Scheduled announcements": {"ar": "الإعلانات المجدولة", "ckb": "ڕاگەیاندنە خشتەبۆدانراوەکان", "ku": "Daxuyaniyên plankirî"},
"Delivery reports": {"ar": "تقارير التسليم", "ckb": "ڕاپۆرتەکانی گەیاندن", "ku": "Raporên gihandinê"},
"Change an area's safety status": {"ar": "تغيير حالة السلامة لمنطقة", "ckb": "گۆڕینی دۆخی سەلامەتیی ناوچەیەک", "ku": "Rewşa ewlehiyê ya deverekê biguherîne"},
"Status changes waiting for a decision": {"ar": "تغييرات الحالة التي تنتظر قرارًا", "ckb": "گۆڕانکارییەکانی دۆخ کە چاوەڕێی بڕیارن", "ku": "Guhertinên rewşê yên li benda biryarê"},
"An area's status history": {"ar": "سجل حالة منطقة", "ckb": "مێژووی دۆخی ناوچەیەک", "ku": "Dîroka rewşa deverekê"},
"Add a village missing from the list": {"ar": "إضافة قرية غير موجودة في القائمة", "ckb": "زیادکردنی گوندێک کە لە لیستەکەدا نییە", "ku": "Gundekî ku di lîsteyê de tune ye lê zêde bike"},
"An area's names and spellings": {"ar": "أسماء منطقة وطرق كتابتها", "ckb": "ناو و شێوەکانی نووسینی ناوچەیەک", "ku": "Nav û rastnivîsên deverekê"},
"Status feeds": {"ar": "مصادر الحالة التلقائية", "ckb": "سەرچاوە خۆکارەکانی دۆخ", "ku": "Çavkaniyên rewşê yên otomatîk"},
"Who holds which role": {"ar": "من يحمل أي دور", "ckb": "کێ چ ڕۆڵێکی هەیە", "ku": "Kî xwediyê kîjan rolê ye"},
"The audit log": {"ar": "سجل التدقيق", "ckb": "تۆماری چاودێری", "ku": "Tomara kontrolê"},
"How many residents use Daleel": {"ar": "كم عدد السكان الذين يستخدمون دليل", "ckb": "چەند دانیشتوو دەلیل بەکاردەهێنن", "ku": "Çend niştecih Daleel bi kar tînin"},
}
