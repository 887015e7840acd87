{
"❔ <b>No information.</b> We have no information about this area. That does NOT mean it is safe.": {
 "ar": "❔ <b>لا توجد معلومات.</b> ليست لدينا أي معلومات عن هذه المنطقة. وهذا لا يعني أبدًا أنها آمنة.",
 "ckb": "❔ <b>هیچ زانیارییەک نییە.</b> هیچ زانیارییەکمان دەربارەی ئەم ناوچەیە نییە. ئەمە هەرگیز بەو مانایە نییە کە سەلامەتە.",
 "ku": "❔ <b>Agahî tune ye.</b> Li ser vê deverê ti agahiyên me tune ne. Ev qet nayê wê wateyê ku ew ewle ye."},
"❔ <b>Status unknown.</b> The authorities have no clear information about this area yet. That does NOT mean it is safe.": {
 "ar": "❔ <b>الوضع غير معروف.</b> لا تملك الجهات المختصة حتى الآن معلومات واضحة عن هذه المنطقة. وهذا لا يعني أبدًا أنها آمنة.",
 "ckb": "❔ <b>دۆخەکە نەزانراوە.</b> لایەنە پەیوەندیدارەکان هێشتا زانیاریی ڕوونیان دەربارەی ئەم ناوچەیە نییە. ئەمە هەرگیز بەو مانایە نییە کە سەلامەتە.",
 "ku": "❔ <b>Rewş ne diyar e.</b> Hêj li cem rayedaran agahiyên zelal li ser vê deverê tune ne. Ev qet nayê wê wateyê ku ew ewle ye."},
"⚠️ <b>Suspected danger.</b> Explosive hazards (mines, booby-traps or unexploded bombs) are suspected in this area.": {
 "ar": "⚠️ <b>خطر مشتبه به.</b> يُشتبه بوجود مخاطر متفجرة (ألغام أو عبوات مفخخة أو قنابل غير منفجرة) في هذه المنطقة.",
 "ckb": "⚠️ <b>گومانی مەترسی هەیە.</b> گومان دەکرێت تەقەمەنیی مەترسیدار (مین، تەڵەی تەقەمەنی یان بۆمبی نەتەقیو) لەم ناوچەیەدا هەبێت.",
 "ku": "⚠️ <b>Xetereya bi guman.</b> Guman heye ku li vê deverê teqemeniyên xeternak (mayin, xefkên teqemenî an bombeyên neteqiyayî) hebin."},
"⛔ <b>Confirmed danger.</b> A survey confirmed explosive hazards in this area.": {
 "ar": "⛔ <b>خطر مؤكَّد.</b> أكّد المسح وجود مخاطر متفجرة في هذه المنطقة.",
 "ckb": "⛔ <b>مەترسی پشتڕاست کراوەتەوە.</b> پشکنینێک دەریخست کە تەقەمەنیی مەترسیدار لەم ناوچەیەدا هەیە.",
 "ku": "⛔ <b>Xetereya piştrastkirî.</b> Lêkolînekê piştrast kir ku li vê deverê teqemeniyên xeternak hene."},
"🚧 <b>Clearance in progress.</b> Teams are working to remove explosive hazards in this area.": {
 "ar": "🚧 <b>التطهير جارٍ.</b> تعمل فرق مختصة على إزالة المخاطر المتفجرة في هذه المنطقة.",
 "ckb": "🚧 <b>پاککردنەوە بەردەوامە.</b> تیمەکان کار دەکەن بۆ لابردنی تەقەمەنییە مەترسیدارەکان لەم ناوچەیەدا.",
 "ku": "🚧 <b>Paqijkirin berdewam e.</b> Tîm dixebitin ku teqemeniyên xeternak ji vê deverê rakin."},
"🔷 <b>Cleared.</b> {source} cleared this area on {date}.": {
 "ar": "🔷 <b>مُطهَّرة.</b> طُهِّرت هذه المنطقة في {date}، بحسب {source}.",
 "ckb": "🔷 <b>پاک کراوەتەوە.</b> بەپێی {source}، ئەم ناوچەیە لە {date} پاک کراوەتەوە.",
 "ku": "🔷 <b>Hat paqijkirin.</b> Li gorî {source}, ev dever di {date} de hat paqijkirin."},
"🔷 <b>Surveyed: no hazards found.</b> {source} surveyed this area on {date}, found no evidence of explosive hazards and released the land.": {
 "ar": "🔷 <b>تم المسح ولم يُعثر على مخاطر.</b> مُسحت هذه المنطقة في {date} بحسب {source}، ولم يُعثر على أي دليل على وجود مخاطر متفجرة، فأُفرِج عن الأرض.",
 "ckb": "🔷 <b>پشکنرا، هیچ مەترسییەک نەدۆزرایەوە.</b> بەپێی {source}، ئەم ناوچەیە لە {date} پشکنرا، هیچ بەڵگەیەک بۆ بوونی تەقەمەنیی مەترسیدار نەدۆزرایەوە و زەوییەکە ئازاد کرا.",
 "ku": "🔷 <b>Hat lêkolîn: xeterî nehat dîtin.</b> Li gorî {source}, ev dever di {date} de hat lêkolîn, ti nîşanên teqemeniyên xeternak nehatin dîtin û erd ji bo bikaranînê hat berdan."},
"Do not go back until a mine action authority has checked the area. Ask the camp management for advice.": {
 "ar": "لا ترجع حتى تفحص المنطقةَ جهةٌ مختصة بشؤون الألغام. اطلب النصيحة من إدارة المخيم.",
 "ckb": "مەگەڕێوە تا دەزگایەکی تایبەت بە مین ناوچەکە دەپشکنێت. داوای ئامۆژگاری لە بەڕێوەبەرایەتیی کەمپ بکە.",
 "ku": "Venegere heta ku saziyeke mayinan deverê kontrol neke. Ji rêveberiya kampê şîretan bixwaze."},
"Do not go there. The area has not been cleared.": {
 "ar": "لا تذهب إلى هناك. لم تُطهَّر المنطقة بعد.",
 "ckb": "مەچۆ ئەوێ. ناوچەکە هێشتا پاک نەکراوەتەوە.",
 "ku": "Neçe wir. Dever hêj nehatiye paqijkirin."},
"Do not go there. Wait until the area has been cleared.": {
 "ar": "لا تذهب إلى هناك. انتظر حتى تُطهَّر المنطقة.",
 "ckb": "مەچۆ ئەوێ. چاوەڕێ بکە تا ناوچەکە پاک دەکرێتەوە.",
 "ku": "Neçe wir. Bisekine heta ku dever were paqijkirin."},
"Do not enter the area while the teams are working. It is not cleared yet.": {
 "ar": "لا تدخل المنطقة ما دامت الفرق تعمل فيها. لم تُطهَّر بعد.",
 "ckb": "مەچۆ ناو ناوچەکە تا تیمەکان کار دەکەن. هێشتا پاک نەکراوەتەوە.",
 "ku": "Dema ku tîm dixebitin nekeve deverê. Hêj nehatiye paqijkirin."},
"The authority says people can return. Some danger can still remain: stay on roads and paths that people already use.": {
 "ar": "تقول الجهة المختصة إن الناس يستطيعون العودة. لكن قد يبقى بعض الخطر: امشِ فقط على الطرق والممرات التي يستخدمها الناس.",
 "ckb": "لایەنی پەیوەندیدار دەڵێت خەڵک دەتوانن بگەڕێنەوە. بەڵام لەوانەیە هەندێک مەترسی هێشتا مابێت: تەنها بەو ڕێگا و ڕێڕەوانەدا بڕۆ کە خەڵک بەکاریان دەهێنن.",
 "ku": "Rayedar dibêjin ku mirov dikarin vegerin. Lê dibe ku hinek xeterî hê bimîne: tenê li ser rê û şiverêyên ku mirov jixwe bi kar tînin bimeşe."},
"🗓️ Updated {date} by {source}.": {
 "ar": "🗓️ آخر تحديث: {date}، من {source}.",
 "ckb": "🗓️ دوایین نوێکردنەوە: {date}، لەلایەن {source}.",
 "ku": "🗓️ Nûkirina dawî: {date}, ji aliyê {source}."},
"📝 Note: {note}": {"ar": "📝 ملاحظة: {note}", "ckb": "📝 تێبینی: {note}", "ku": "📝 Têbînî: {note}"},
"⚠️ <b>Warning:</b> this information is {n} day old and may be out of date.": {
 "ar": [
  "⚠️ <b>تنبيه:</b> هذه المعلومات من اليوم، وقد لا تكون محدَّثة.",
  "⚠️ <b>تنبيه:</b> مضى يوم واحد على هذه المعلومات، وقد لا تكون محدَّثة.",
  "⚠️ <b>تنبيه:</b> مضى يومان على هذه المعلومات، وقد لا تكون محدَّثة.",
  "⚠️ <b>تنبيه:</b> مضت {n} أيام على هذه المعلومات، وقد لا تكون محدَّثة.",
  "⚠️ <b>تنبيه:</b> مضى {n} يومًا على هذه المعلومات، وقد لا تكون محدَّثة.",
  "⚠️ <b>تنبيه:</b> مضى {n} يوم على هذه المعلومات، وقد لا تكون محدَّثة."],
 "ckb": [
  "⚠️ <b>ئاگاداربە:</b> ئەم زانیارییە هی {n} ڕۆژ لەمەوبەرە و لەوانەیە ئێستا ڕاست نەبێت.",
  "⚠️ <b>ئاگاداربە:</b> ئەم زانیارییە هی {n} ڕۆژ لەمەوبەرە و لەوانەیە ئێستا ڕاست نەبێت."],
 "ku": [
  "⚠️ <b>Hişyar be:</b> ev agahî ya berî {n} rojê ye û dibe ku êdî ne rast be.",
  "⚠️ <b>Hişyar be:</b> ev agahî ya berî {n} rojan e û dibe ku êdî ne rast be."]},
"🧪 <b>Demo data — not real information.</b>": {
 "ar": "🧪 <b>بيانات تجريبية — ليست معلومات حقيقية.</b>",
 "ckb": "🧪 <b>داتای تاقیکاری — زانیاریی ڕاستەقینە نییە.</b>",
 "ku": "🧪 <b>Daneyên ceribandinê — ne agahiyên rastîn in.</b>"},
"📍 <b>{place}</b>": {"ar": "📍 <b>{place}</b>", "ckb": "📍 <b>{place}</b>", "ku": "📍 <b>{place}</b>"},
"<b>Stay safe:</b>\n• Do not enter marked or suspected areas.\n• Do not touch, move or pick up unknown objects.\n• If you see one: mark the place from a distance if you can, go back the way you came, and tell the police or the mine action authorities.": {
 "ar": "<b>لسلامتك:</b>\n• لا تدخل المناطق المعلَّمة أو المشتبه بها.\n• لا تلمس أي جسم غريب، ولا تحرّكه، ولا تلتقطه.\n• إذا رأيت جسمًا كهذا: علِّم المكان من بعيد إن استطعت، وارجع من الطريق الذي أتيت منه، وأبلغ الشرطة أو الجهات المختصة بالألغام.",
 "ckb": "<b>بۆ سەلامەتیی خۆت:</b>\n• مەچۆ ناو ئەو ناوچانەی نیشانە کراون یان گومانیان لێ دەکرێت.\n• دەست لە هیچ شتێکی نەناسراو مەدە، مەیجووڵێنە و هەڵیمەگرە.\n• ئەگەر شتێکی وات بینی: ئەگەر توانیت لە دوورەوە شوێنەکە نیشانە بکە، لەو ڕێگایەوە بگەڕێوە کە پێیدا هاتوویت، و پۆلیس یان دەزگاکانی مین ئاگادار بکەرەوە.",
 "ku": "<b>Ji bo ewlehiya xwe:</b>\n• Nekeve deverên nîşankirî an bi guman.\n• Destê xwe nede tiştên nenas, wan neleqîne û hilnegire.\n• Heke tu tiştekî wisa bibînî: heke tu karibî, ji dûr ve cihê wê nîşan bike, bi heman rêya ku tu pê hatî vegere, û polîs an rayedarên mayinan agahdar bike."},
"{name} (governorate) — {parent}": {"ar": "{name} (محافظة) — {parent}", "ckb": "{name} (پارێزگا) — {parent}", "ku": "{name} (parêzgeh) — {parent}"},
"{name} (district) — {parent}": {"ar": "{name} (قضاء) — {parent}", "ckb": "{name} (قەزا) — {parent}", "ku": "{name} (qeza) — {parent}"},
"{name} (sub-district) — {parent}": {"ar": "{name} (ناحية) — {parent}", "ckb": "{name} (ناحیە) — {parent}", "ku": "{name} (nahiye) — {parent}"},
"{name} (town) — {parent}": {"ar": "{name} (بلدة) — {parent}", "ckb": "{name} (شارۆچکە) — {parent}", "ku": "{name} (bajarok) — {parent}"},
"{name} (village) — {parent}": {"ar": "{name} (قرية) — {parent}", "ckb": "{name} (گوند) — {parent}", "ku": "{name} (gund) — {parent}"},
"{name} (governorate)": {"ar": "{name} (محافظة)", "ckb": "{name} (پارێزگا)", "ku": "{name} (parêzgeh)"},
"{name} (district)": {"ar": "{name} (قضاء)", "ckb": "{name} (قەزا)", "ku": "{name} (qeza)"},
"{name} (sub-district)": {"ar": "{name} (ناحية)", "ckb": "{name} (ناحیە)", "ku": "{name} (nahiye)"},
"{name} (town)": {"ar": "{name} (بلدة)", "ckb": "{name} (شارۆچکە)", "ku": "{name} (bajarok)"},
"{name} (village)": {"ar": "{name} (قرية)", "ckb": "{name} (گوند)", "ku": "{name} (gund)"},
"Type the name of your town or village, in any language or spelling. Or browse the list by governorate.": {
 "ar": "اكتب اسم بلدتك أو قريتك، بأي لغة أو بأي طريقة كتابة. أو تصفّح القائمة حسب المحافظة.",
 "ckb": "ناوی شارۆچکە یان گوندەکەت بنووسە، بە هەر زمانێک یان بە هەر شێوەیەکی نووسین. یان بەپێی پارێزگا لە لیستەکەدا بگەڕێ.",
 "ku": "Navê bajarok an gundê xwe binivîse, bi her zimanî an bi her awayê nivîsînê. An jî li gorî parêzgehê li lîsteyê bigere."},
"I could not find that place. Try another spelling, or browse the list by governorate.": {
 "ar": "لم أجد هذا المكان. جرّب كتابة الاسم بطريقة أخرى، أو تصفّح القائمة حسب المحافظة.",
 "ckb": "ئەو شوێنەم نەدۆزییەوە. ناوەکە بە شێوەیەکی تر بنووسە، یان بەپێی پارێزگا لە لیستەکەدا بگەڕێ.",
 "ku": "Min ew cih nedît. Navî bi awayekî din binivîse, an jî li gorî parêzgehê li lîsteyê bigere."},
"Did you mean one of these places? Choose one.": {
 "ar": "هل تقصد أحد هذه الأماكن؟ اختر واحدًا.",
 "ckb": "مەبەستت یەکێک لەم شوێنانەیە؟ یەکێکیان هەڵبژێرە.",
 "ku": "Mebesta te yek ji van cihan e? Yekê hilbijêre."},
"Choose your governorate.": {"ar": "اختر محافظتك.", "ckb": "پارێزگاکەت هەڵبژێرە.", "ku": "Parêzgeha xwe hilbijêre."},
"Choose a place in {place}.": {"ar": "اختر مكانًا في {place}.", "ckb": "شوێنێک لە {place} هەڵبژێرە.", "ku": "Cihekî li {place} hilbijêre."},
"🗺️ Browse by governorate": {"ar": "🗺️ تصفّح حسب المحافظة", "ckb": "🗺️ گەڕان بەپێی پارێزگا", "ku": "🗺️ Li gorî parêzgehê bigere"},
"📍 All of {name}": {"ar": "📍 {name} بالكامل", "ckb": "📍 هەموو {name}", "ku": "📍 Hemû {name}"},
"More ›": {"ar": "المزيد ›", "ckb": "زیاتر ›", "ku": "Bêtir ›"},
"‹ Back": {"ar": "‹ رجوع", "ckb": "‹ گەڕانەوە", "ku": "‹ Paşve"},
"🔔 Alert me when this changes": {"ar": "🔔 نبّهني عندما يتغيّر هذا", "ckb": "🔔 ئاگادارم بکەرەوە کاتێک ئەمە گۆڕا", "ku": "🔔 Dema ev biguhere, min agahdar bike"},
"🔎 Search another place": {"ar": "🔎 ابحث عن مكان آخر", "ckb": "🔎 بەدوای شوێنێکی تردا بگەڕێ", "ku": "🔎 Li cihekî din bigere"},
}
