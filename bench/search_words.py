"""Invented Swedish vocabulary for the generated search corpus (bench/search_corpus.py).

Base words in a few inflected forms, so stemming has work to do, and compounds
made from pairs of nouns, as Swedish builds them ("hyresgäst" + "förening").
"""

NOUNS = """
kommun kommunen kommunens kommuner kommunerna nämnd nämnden nämndens nämnder
socialtjänst socialtjänsten socialtjänstens hyra hyran hyror hyrorna hamn hamnen
hamnar avtal avtalet avtalen beslut beslutet besluten budget budgeten budgetar
skola skolan skolor skolorna förälder föräldrar föräldrarna revisor revisorn
revisorerna protokoll protokollet protokollen möte mötet mötena fullmäktige
ordförande ordföranden tjänsteman tjänstemannen tjänstemän upphandling
upphandlingen upphandlingar granskning granskningen rapport rapporten rapporter
förening föreningen föreningar bostad bostaden bostäder bolag bolaget bolagen
väg vägen vägar buss bussen bussar tåg tåget station stationen park parken
sjukhus sjukhuset vård vården omsorg omsorgen äldreboende äldreboendet pengar
skatt skatten skatter politiker politikern politikerna val valet väljare
väljarna parti partiet partier majoritet majoriteten opposition oppositionen
fråga frågan frågor svar svaret kritik kritiken förslag förslaget förslagen
plan planen planer remiss remissen detaljplan detaljplanen mark marken
fastighet fastigheten fastigheter hyresgäst hyresgästen hyresgästerna renovering
renoveringen el elen vatten vattnet avlopp avloppet brand branden polis polisen
domstol domstolen dom domen överklagande överklagandet lag lagen regel regeln
regler riktlinje riktlinjen öppenhet öppenheten insyn insynen handling handlingen
handlingarna mejl mejlet sms vittne vittnet källa källan journalist journalisten
redaktion redaktionen tidning tidningen nummer numret artikel artikeln
""".split()

VERBS = """
beslutar beslutade beslutat granskar granskade granskat kräver krävde krävt
protesterar protesterade säljer sålde sålt köper köpte köpt höjer höjde höjt
sänker sänkte sänkt bygger byggde byggt stänger stängde stängt öppnar öppnade
visar visade visat säger sade sagt skriver skrev skrivit läser läste läst
överklagar överklagade anmäler anmälde anmält utreder utredde utrett
""".split()

ADJECTIVES = """
ny nya nytt stor stora stort liten lilla små hemlig hemliga hemligt öppen öppna
öppet dyr dyra dyrt billig billiga kommunal kommunala politisk politiska
ekonomisk ekonomiska rättslig rättsliga sen sena tidig tidiga
""".split()

FILLER = """
och att det som på är för med till av den om inte men ett har de var kan så
när efter under mot utan hade eller också redan fortfarande enligt mellan
""".split()

COMPOUND_HEADS = "hyres skol bostads vård hamn bygg miljö trafik socialtjänst kultur".split()
COMPOUND_TAILS = (
    "gäst förening nämnd bolag avtal plan chef rapport frågan beslutet budgeten "
    "kontoret förvaltningen"
).split()
COMPOUNDS = [head + tail for head in COMPOUND_HEADS for tail in COMPOUND_TAILS]

FIRST_NAMES = "Karin Per Anna Erik Maria Lars Eva Johan Sara Mikael Lena Anders".split()
LAST_NAMES = "Lund Holm Berg Ström Ek Sandberg Lindqvist Nyström Åberg Öhman".split()
SECTIONS = [
    "Politiska rapporter",
    "Ekonomi",
    "Kultur",
    "Skola",
    "Vård och omsorg",
    "Bostäder",
    "Trafik",
    "Debatt",
]
