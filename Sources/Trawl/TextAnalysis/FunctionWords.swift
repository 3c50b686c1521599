// Trawl — FunctionWords.swift
// The most frequent function words of French, English, German, Spanish and Italian.

/// Function words (articles, pronouns, prepositions, conjunctions, auxiliaries) per language,
/// with Portuguese as a decoy that keeps Portuguese text from reading as Spanish.
///
/// Values are bit masks of ``FunctionWords/Bits``: a word shared by several languages (`la`, `in`)
/// carries all their bits. Words are folded (lower case, `'` for apostrophes). The lists were
/// written for Trawl from general knowledge of each language's most frequent words.
enum FunctionWords {
    /// One bit per language.
    enum Bits {
        /// French.
        static let french: UInt8 = 1
        /// English.
        static let english: UInt8 = 2
        /// German.
        static let german: UInt8 = 4
        /// Spanish.
        static let spanish: UInt8 = 8
        /// Italian.
        static let italian: UInt8 = 16
        /// Portuguese: not identified, but scored so that it is not mistaken for Spanish.
        static let portuguese: UInt8 = 32
    }

    /// The languages of the bits, in bit order (Portuguese answers ``Language/undetermined``).
    static let languages: [Language] = [.french, .english, .german, .spanish, .italian, .undetermined]

    /// The table of all five languages.
    static let table = ByteStringTable([
        ("""
        le la les l' un une des du de d' au aux et ou mais donc or ni car que qu' qui quoi dont où
        ce cet cette ces c' se s' sa son ses leur leurs mon ma mes ton ta tes notre nos votre vos
        il ils elle elles on nous vous je j' tu me m' te t' lui y en ne n' pas plus moins très
        aussi bien tout tous toute toutes avec sans pour par sur sous dans entre vers chez depuis
        pendant avant après contre selon est sont était étaient été être a ont avait avoir fait
        peut comme si même encore déjà alors ainsi cela ça celui celle ceux lors lorsque puisque
        jusqu' lorsqu' puisqu' aujourd'hui non à suis sera ici là voilà
        """, Bits.french),
        ("""
        the a an and or but if then than that this these those there here it its is are was were
        be been being have has had do does did not no of to in on at by for from with about as
        into over after before between under up out so we you he she they i me him her us them my
        your his our their who whom which what when where why how all any some more most other
        such only also just can could will would should may might must 's n't very one said
        """, Bits.english),
        ("""
        der die das den dem des ein eine einen einem einer eines und oder aber denn sondern dass
        daß ist sind war waren wird werden wurde wurden hat haben hatte nicht kein keine auch
        noch nur schon mit von zu zum zur bei für auf aus nach über unter vor durch gegen ohne um
        im ins am vom ich du er sie es wir ihr mich mir sich ihm ihn ihre ihren seine seiner
        seinen wie was wer wo wann warum als wenn weil ob so doch sehr mehr hier dann jetzt man
        diese dieser dieses diesem jedoch bereits sowie zwischen immer
        """, Bits.german),
        ("""
        el la los las un una unos unas lo al del de y o u e pero sino que qué quien cual cuando
        donde como cómo más menos muy ya también no sí se le les me te nos os su sus mi mis tu
        nuestro nuestra este esta estos estas ese esa eso esto en con sin por para sobre entre
        hasta desde hacia contra según durante es son era fue fueron ser estar está están ha han
        había hay tiene tienen hace puede todo todos toda todas otro otra otros mismo cada porque
        pues aunque mientras después antes siempre
        """, Bits.spanish),
        ("""
        il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai agli
        alle da dal dalla dai in nel nello nella nei negli nelle su sul sulla con per tra fra e ed
        o ma che chi non è sono era erano fu stato stata essere ha hanno aveva avere anche più
        come questo questa questi quello quella si ci ne mi ti vi noi voi lui lei loro suo sua suoi
        sue perché quando dove cosa se già ancora sempre solo poi così senza dopo prima ogni
        altro altri molto tutto tutti può dell' all' dall' nell' sull' un'
        """, Bits.italian),
        ("""
        o a os as um uma uns umas do da dos das no na nos nas em ao aos pelo pela pelos pelas num
        numa e ou mas que não é são foi ser estar está estão tem têm há ter com para por sem sobre
        entre até depois antes se já mais muito também isso isto este esta esse essa ele ela eles
        elas você nós seu sua seus suas meu minha quando onde como então porque ainda
        """, Bits.portuguese),
    ])

    /// Letters typical of one or two of the languages, with a weight per occurrence: two-byte
    /// UTF-8 sequences `0xC3 xx` (or `0xC2 xx`, `0xC5 xx`) and the language bits they support.
    static func letterEvidence(_ lead: UInt8, _ trail: UInt8) -> UInt8 {
        switch (lead, trail) {
        case (0xC3, 0xA9), (0xC3, 0xAA), (0xC3, 0xA7), (0xC3, 0xA2), (0xC3, 0xAE), (0xC3, 0xB4),
             (0xC3, 0xBB), (0xC3, 0xAB), (0xC3, 0xAF), (0xC5, 0x93),
             (0xC3, 0x89), (0xC3, 0x8A), (0xC3, 0x87):
            return Bits.french
        case (0xC3, 0xA8), (0xC3, 0xA0), (0xC3, 0xB9), (0xC3, 0x80), (0xC3, 0x88):
            return Bits.french | Bits.italian
        case (0xC3, 0x9F), (0xC3, 0xA4), (0xC3, 0xB6), (0xC3, 0xBC), (0xC3, 0x84), (0xC3, 0x96), (0xC3, 0x9C):
            return Bits.german
        case (0xC3, 0xB1), (0xC3, 0xA1), (0xC3, 0xAD), (0xC3, 0xB3), (0xC3, 0xBA), (0xC2, 0xBF), (0xC2, 0xA1),
             (0xC3, 0x91), (0xC3, 0x81), (0xC3, 0x8D), (0xC3, 0x93), (0xC3, 0x9A):
            return Bits.spanish
        case (0xC3, 0xAC), (0xC3, 0xB2), (0xC3, 0x8C), (0xC3, 0x92):
            return Bits.italian
        case (0xC3, 0xA3), (0xC3, 0xB5), (0xC3, 0x83), (0xC3, 0x95):
            return Bits.portuguese
        default:
            return 0
        }
    }

    /// Word endings typical of a language (ASCII, folded), checked longest first by the
    /// identifier: `-tion` is French or English, `-ción` Spanish, `-zione` Italian, `-ung` German.
    static let suffixes = ByteStringTable([
        ("ción ciones dad dades ado ados ada adas mente", Bits.spanish),
        ("zione zioni mente ato ata ati ate ello ella etto etta anno ssimo ssima ssimi iamo ebbe", Bits.italian),
        ("ung ungen heit keit lich lichen isch ische schaft chen", Bits.german),
        ("ing ness ly ed tion ment ship ity", Bits.english),
        ("tion ment eux euse aux ité ées ait aient oir ique", Bits.french),
    ])
}
