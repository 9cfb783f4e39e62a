"""The urgent flag: real signs of risk to a child are caught; ordinary complaints are not."""

import unicodedata

import pytest

from portal.core.safeguarding import (
    RISK_PHRASES,
    _compiled,
    _normalise,
    find_risk_phrases,
    looks_unsafe,
)

RISK = [
    "he hits me",  # as a nine-year-old might write it
    "i dont feel safe at home",
    "My stepdad HURTS ME when mum is at work",
    "I don\u2019t  feel safe going back there",  # curly apostrophe, double space
    "im scared to go home tonight",
    "sometimes i think about killing myself",
    "I have been self-harming again since the move",
    "my uncle touched me and told me not to tell",
    "She keeps going missing from home and comes back with new phones. I think it is county lines",
    "There is never any food, we have nothing to eat most days",
    "mums boyfriend locked me in my room all weekend",
    "My daughter's foster carer slapped her and she has bruises on her arm",
    "I want to die",
    "He has a knife in his bedroom and says he will use it",
    "I got kicked out by my dad and I am sleeping at friends",
    # An adult writing about a child, in the third person.
    "Her stepfather hits her and she is scared",
    "My son is being hit by his dad at weekends",
    "I think her uncle touched her",
]

ORDINARY = [
    "The social worker's letter hurt my feelings and I want an apology.",
    "Nobody returned my calls for three weeks.",
    "The EHC plan was finalised months late and my son has no school place.",
    "The minutes of the child protection conference are inaccurate.",
    "I was not told the meeting had been moved and I had to take a day off work.",
    "The transport to school was late every day in September.",
    "The assessment says I have a drink problem, which is not true.",
    "My daughter's therapeutic support was stopped without any explanation.",
    "The police were called by the school but nobody told me why.",
    "The social worker was rude to my mother on the phone.",
    "I asked for a different social worker and heard nothing back.",
    "Contact with my grandson was cancelled twice with no reason given.",
    "The reviewing officer did not read the report before the meeting.",
    "The bill for the respite care was wrong and I was charged twice.",
]


@pytest.mark.parametrize("text", RISK)
def test_signs_of_risk_are_flagged(text):
    assert looks_unsafe(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_complaints_are_not_flagged(text):
    assert find_risk_phrases(text) == []
    assert not looks_unsafe(text)


def test_staff_are_told_which_phrases_were_found():
    assert find_risk_phrases("He hit me yesterday") == ["hit me"]
    assert find_risk_phrases("I don't feel safe and I want to die") == [
        "don't feel safe",
        "want to die",
    ]


def test_phrases_are_found_across_all_the_texts_of_a_representation_once_each():
    found = find_risk_phrases("What happened", "", "he hit me", "He HIT ME again")
    assert found == ["hit me"]


def test_a_phrase_cannot_be_made_by_joining_the_end_of_one_answer_to_the_next():
    assert find_risk_phrases("the last time he hit", "me and my sister were at school") == []


@pytest.mark.parametrize(
    "text",
    [
        "The grapes and the drapes",  # "rape"
        "It has begun again",  # "gun"
        "She is a therapist",  # "rape"
        "shurt menu",  # "hurt me"
    ],
)
def test_phrases_only_match_whole_words(text):
    assert find_risk_phrases(text) == []


@pytest.mark.parametrize(
    "text",
    ["self harm", "self-harm", "self\u2013harm", "selfharm", "SELF  HARM"],
)
def test_spelling_variants_of_self_harm_are_all_caught(text):
    assert looks_unsafe(text)


def test_full_width_and_other_compatibility_characters_are_folded():
    full_width = "\uff48\uff45 \uff48\uff49\uff54 \uff4d\uff45"  # "he hit me"
    assert find_risk_phrases(full_width) == ["hit me"]


def test_an_acute_accent_typed_as_an_apostrophe_is_dropped_like_one():
    # NFKC turns "\u00b4" into a space and a combining accent, so it must go before that.
    assert find_risk_phrases("I don\u00b4t feel safe") == ["don't feel safe"]


def test_english_is_always_checked_whatever_the_language_of_the_page():
    assert find_risk_phrases("he hit me", locales=("cy",)) == ["hit me"]
    assert find_risk_phrases("he hit me", locales=("pl", "en_GB")) == ["hit me"]
    assert find_risk_phrases("he hit me", locales=()) == ["hit me"]


def test_every_phrase_is_caught_in_its_own_words():
    for locale, phrases in RISK_PHRASES.items():
        for phrase in phrases:
            assert phrase in find_risk_phrases(f"I said {phrase}.", locales=(locale,)), phrase


def test_no_phrase_is_listed_twice():
    for phrases in RISK_PHRASES.values():
        folded = [unicodedata.normalize("NFKC", p).casefold().replace("'", "") for p in phrases]
        assert len(folded) == len(set(folded))


@pytest.mark.parametrize("broad", ["hurt", "drugs", "police", "risk", "harm", "drunk", "scared"])
def test_words_that_appear_in_most_adult_complaints_are_not_risk_phrases_alone(broad):
    assert broad not in RISK_PHRASES["en"]


# Welsh, Polish, Romanian, Urdu (Urdu script and Roman Urdu) and Arabic: for each, what a child
# would write, what a worried parent would write, and ordinary complaints that must not be flagged.
RISK_IN_OTHER_LANGUAGES = [
    # Welsh: mutations after "fy" and "ei", the spoken "taro fi", no circumflexes.
    ("cy", "Mae fy llystad yn fy nharo i pan mae mam yn y gwaith", "fy nharo"),
    ("cy", "mae o'n taro fi bob dydd a dwi ddim yn teimlo'n saff adre", "taro fi"),
    ("cy", "mae on nharo i", "nharo i"),
    ("cy", "dwi isio marw", "isio marw"),
    ("cy", "Mae ofn mynd nol adre arna i", "ofn mynd nôl"),
    ("cy", "Mae ei thad yn ei tharo hi ac mae ganddi gleisiau ar ei braich", "ei tharo"),
    ("cy", "Mae fy mab wedi rhedeg i ffwrdd eto", "rhedeg i ffwrdd"),
    ("cy", "Rwy'n poeni am linellau sirol", "linellau sirol"),
    ("cy", "Cafodd ei guro gan ei dad", "ei guro"),
    ("cy", "mae hyn yn gamdrin", "gam-drin"),
    # Polish: free word order, typed with or without diacritics.
    ("pl", "tata mnie bije jak mama jest w pracy", "bije"),
    ("pl", "boje sie wracac do domu", "boję się wracać"),
    ("pl", "nie chce mi sie zyc", "nie chce mi się żyć"),
    ("pl", "Ojczym zamknął mnie w pokoju na cały weekend", "zamknął mnie"),
    ("pl", "Mój partner uderzył ją w twarz i ma siniaki na ręce", "uderzył ją"),
    ("pl", "Córka uciekła z domu i myślę, że sprzedaje narkotyki", "uciekła z domu"),
    ("pl", "Syn mówi, że wujek dotykał go w miejsca intymne", "dotykał go"),
    ("pl", "Uderzył mnie. Nie czuję się bezpiecznie.", "nie czuję się bezpiecznie"),
    # Romanian: hyphenated pronouns typed with or without hyphens, with or without diacritics,
    # and with the cedilla letters (ş, ţ) that many keyboards still produce.
    ("ro", "tatăl meu vitreg mă bate când mama e la muncă", "mă bate"),
    ("ro", "ma batut ieri si mie frica sa merg acasa", "m-a bătut"),
    ("ro", "ma batut ieri si mie frica sa merg acasa", "frică să merg acasă"),
    ("ro", "nu mă simt în siguranţă acasă", "nu mă simt în siguranță"),
    ("ro", "vreau sa mor", "vreau să mor"),
    ("ro", "Concubinul fiicei mele o bate și are vânătăi pe mâini", "o bate"),
    ("ro", "Fiul meu a fugit de acasă de trei ori luna asta", "fugit de acasă"),
    ("ro", "Mi-e teamă că fiica mea este exploatată de un bărbat mai în vârstă", "exploatată"),
    # Urdu in Urdu script.
    ("ur", "ابو مجھے مارتے ہیں اور میں گھر جانے سے ڈرتا ہوں", "مجھے مارتی"),
    ("ur", "ابو مجھے روز مارتے ہیں", "روز مارتی"),
    ("ur", "میں مرنا چاہتی ہوں", "مرنا چاہتی"),
    ("ur", "میرے شوہر میری بیٹی کو مارتے ہیں اور اس کے بازو پر نیل کے نشان ہیں", "بیٹی کو مارتی"),
    ("ur", "میری بیٹی گھر سے بھاگ گئی ہے", "گھر سے بھاگ"),
    ("ur", "انہوں نے مجھے کمرے میں بند کر دیا", "کمرے میں بند"),
    # Roman Urdu.
    ("ur", "abbu mujhe bohat maarte hain aur main ghar mein mehfooz nahi hun", "mehfooz nahi"),
    ("ur", "usne mujhe mara aur kamre mein band kar diya", "mujhe mara"),
    ("ur", "mere shohar ne beti ko thappar mara aur ghar se nikal diya", "thappar"),
    ("ur", "meri beti ghar se bhaag gayi hai", "ghar se bhaag"),
    ("ur", "woh mujhe hit karta hai", "hit karta"),
    ("ur", "kabhi kabhi khudkushi ka sochti hun", "khud-kushi"),
    # Arabic: Modern Standard and colloquial, with joined prefixes.
    ("ar", "بابا بيضربني كل يوم وانا خايف ارجع عالبيت", "يضربني"),
    ("ar", "بابا بيضربني كل يوم وانا خايف ارجع عالبيت", "خايف ارجع"),
    ("ar", "بدي موت", "بدي موت"),
    ("ar", "زوج ابنتي يضربها وعلى ذراعها كدمات", "يضربها"),
    ("ar", "ابني هرب من البيت ثلاث مرات وأظن أنهم يجبرونه على بيع المخدرات", "هرب من البيت"),
    ("ar", "ابني هرب من البيت ثلاث مرات وأظن أنهم يجبرونه على بيع المخدرات", "بيع المخدرات"),
    ("ar", "هددها بالسكين", "سكين"),
    ("ar", "قال إنه سيقتلني", "يقتلني"),
    ("ar", "لا أشعر بالأمان في البيت", "لا أشعر بالأمان"),
]


@pytest.mark.parametrize(("locale", "text", "phrase"), RISK_IN_OTHER_LANGUAGES)
def test_signs_of_risk_are_flagged_in_other_languages(locale, text, phrase):
    assert phrase in find_risk_phrases(text, locales=(locale,))


ORDINARY_IN_OTHER_LANGUAGES = [
    ("cy", "Ni chefais ateb i fy llythyr am dri mis."),
    ("cy", "Roedd y gweithiwr cymdeithasol yn anghwrtais ar y ffôn."),
    ("cy", "Cafodd y cyfarfod ei ganslo heb rybudd ac mae'r cofnodion yn anghywir."),
    ("cy", "Dywedodd y gweithiwr y byddai'n taro heibio ddydd Llun ond ni ddaeth hi."),
    ("cy", "Hoffwn gael ymddiheuriad a gweithiwr cymdeithasol gwahanol."),
    ("pl", "Pracownik socjalny nie oddzwonił przez trzy tygodnie."),
    ("pl", "Spotkanie zostało odwołane bez żadnego wyjaśnienia."),
    ("pl", "Protokół z konferencji zawiera błędy i nieprawdziwe informacje."),
    ("pl", "Mój syn od miesięcy nie ma miejsca w szkole."),
    ("pl", "Broń Boże, żeby ktoś jeszcze raz zgubił nasze dokumenty."),
    ("pl", "Decyzja o ograniczeniu kontaktów z wnukiem nie została uzasadniona."),
    ("ro", "Asistentul social nu mi-a răspuns la telefon de trei săptămâni."),
    ("ro", "Ședința a fost anulată fără nicio explicație."),
    ("ro", "Raportul conține informații greșite despre familia mea."),
    ("ro", "Nu e sigur că vom primi ajutorul la timp."),
    ("ro", "A fost un abuz de putere din partea asistentei sociale."),
    ("ro", "Din cauza neglijenței personalului, dosarul s-a pierdut."),
    ("ro", "Nu pot ieși afară din casă din cauza dizabilității mele."),
    ("ur", "سوشل ورکر نے تین ہفتے تک میری کال کا جواب نہیں دیا\u06d4"),
    ("ur", "میٹنگ بغیر کسی وجہ کے منسوخ کر دی گئی\u06d4"),
    ("ur", "رپورٹ میں میرے خاندان کے بارے میں غلط معلومات ہیں\u06d4"),
    ("ur", "میں دفتر کے چکر مار مار کر تھک گئی ہوں\u06d4"),
    ("ur", "کونسل نے میرے ساتھ زیادتی کی ہے اور مجھے معافی چاہیے\u06d4"),
    ("ur", "عملے کی بدسلوکی اور لاپرواہی کی وجہ سے ہمیں بہت پریشانی ہوئی\u06d4"),
    ("ur", "social worker ne teen hafte tak call ka jawab nahi diya"),
    ("ur", "meeting bina kisi wajah ke cancel kar di gayi"),
    ("ur", "main ghar se nikal nahi sakti kyun ke meri tabiyat kharab hai"),
    ("ar", "لم ترد الأخصائية الاجتماعية على اتصالاتي لمدة ثلاثة أسابيع."),
    ("ar", "تم إلغاء الاجتماع دون أي تفسير."),
    ("ar", "التقرير يحتوي على معلومات خاطئة عن عائلتي."),
    ("ar", "طلبوا مني نسخة من جواز السفر وبطاقة الجنسية."),
    ("ar", "هناك إهمال كبير من الموظفين في متابعة ملفي."),
    ("ar", "حدد لي الموظف موعدا ثم لم يحضر، والملف مفقود منذ شهر."),
    ("ar", "جارنا رجل مسكين لا علاقة له بالموضوع."),
]


@pytest.mark.parametrize(("locale", "text"), ORDINARY_IN_OTHER_LANGUAGES)
def test_ordinary_complaints_in_other_languages_are_not_flagged(locale, text):
    assert find_risk_phrases(text, locales=(locale,)) == []


@pytest.mark.parametrize(
    ("locale", "text", "phrase"),
    [
        ("pl", "Mój syn chyba jest w county lines, boję się o niego", "county lines"),
        ("ro", "Fiica mea face self harm de luni de zile", "self harm"),
        ("cy", "Mae hi'n dweud ei bod hi eisiau kill myself", "kill myself"),
        ("ur", "میرا بیٹا self harm کرتا ہے", "self harm"),
        ("ar", "ابني متورط في county lines", "county lines"),
    ],
)
def test_english_phrases_are_found_in_text_in_another_language(locale, text, phrase):
    assert phrase in find_risk_phrases(text, locales=(locale,))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("زَوْجُ أُمِّي يَضْرِبُنِي", "يضربني"),  # tashkeel
        ("يضـــربني", "يضربني"),  # tatweel
        ("\ufef3\ufec0\ufeae\ufe91\ufee8\ufef2", "يضربني"),  # presentation forms
        ("اريد ان اموت", "أريد أن أموت"),  # alef without hamza
        ("إنه عنيفه جدا", "عنيفة"),  # heh for teh marbuta
        ("اعتدى على ابني", "اعتدى علي"),  # alef maksura for yeh
        ("وبيضربني", "يضربني"),  # two joined prefixes
        ("هددني بالسكين", "سكين"),  # bi- and the article
        ("مافي أكل بالبيت", "ما في أكل"),  # no space after a non-joining letter
    ],
)
def test_arabic_is_matched_whatever_the_spelling(text, phrase):
    assert phrase in find_risk_phrases(text, locales=("ar",))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("ابو مجهي مارتي هين", "مجھے مارتی"),  # Arabic yeh and heh for the Urdu ones
        ("گھر سے نكالا", "گھر سے نکالا"),  # Arabic kaf for Urdu kaf
        ("مُجھے مارا", "مجھے مارا"),  # a short vowel written in
        ("مجھےمارا", "مجھے مارا"),  # no space after bari ye
        ("خودکشی کا سوچتی ہوں", "خود کشی"),  # written as one word
        ("ہم بے" + "\u200c" + "گھر ہیں", "بے گھر"),  # zero-width non-joiner for the space
        ("مجھے\u200f مارا", "مجھے مارا"),  # right-to-left mark before the space
    ],
)
def test_urdu_is_matched_whatever_the_spelling(text, phrase):
    assert phrase in find_risk_phrases(text, locales=("ur",))


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("ar", "مسكين"),  # "poor man" contains "سكين" (knife) after a letter that is no prefix
        ("ar", "الجنسية"),  # "nationality" starts with "جنسي" (sexual)
        ("ar", "يضربوننا"),  # a longer word is not "يضربون"
        ("ur", "تشددپسند"),
        ("pl", "bijemy rekordy"),  # "bije" is not found inside "bijemy"
        ("ro", "mabate"),  # a hyphen may be left out, a space between real words may not
    ],
)
def test_whole_words_in_other_scripts_and_languages(locale, text):
    assert find_risk_phrases(text, locales=(locale,)) == []


def test_joined_prefixes_are_only_for_arabic():
    assert find_risk_phrases("وسكين", locales=("ar",)) == ["سكين"]
    assert find_risk_phrases("چاقو", locales=("ur",)) == ["چاقو"]
    assert find_risk_phrases("وچاقو", locales=("ur",)) == []


def test_no_phrase_is_only_a_spelling_variant_of_another():
    # Once folded, each phrase must not be found whole by another phrase in its list: "خائف"
    # and "خايف", or "cam-drin" and "camdrin", are one phrase for matching.
    for locale, phrases in RISK_PHRASES.items():
        folded = [_normalise(phrase) for phrase in phrases]
        for phrase, pattern in _compiled(locale):
            variants = [
                other
                for other, text in zip(phrases, folded, strict=True)
                if other != phrase and pattern.fullmatch(text)
            ]
            assert not variants, (locale, phrase, variants)


def test_every_supported_language_has_its_own_list():
    assert {"en", "cy", "pl", "ro", "ur", "ar"} <= set(RISK_PHRASES)
    for locale in ("cy", "pl", "ro", "ur", "ar"):
        assert len(RISK_PHRASES[locale]) >= 100, locale
