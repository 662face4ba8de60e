"""The source's code phrase: six common Swedish words picked at random.

Words rather than a code of letters, so a source can remember it or write it
down without mistakes. With the list below (several hundred words) six words
give more than 50 bits; the slow hash in sealing.phrase_keys makes each guess
against a stolen database cost a fraction of a second of a whole machine.
"""

import re
import secrets

WORDS_IN_PHRASE = 6

_WORD_TEXT = """
abborre affisch akvarell alm ananas ankare apelsin arkiv asfalt aska
backe bagare balkong bana banan bastu batong berg bergsklint betong
biljett bilverkstad birk bjälke bläck blomma blåbär bokhylla bonde borg
borste bris bro brygga brevlåda buske byrå båge båt bänk ceder cykel
dal dansbana dimma dörr docka drake droppe duk dyna dvärg ebb ek ekorre
elefant eld enebär fackla fager fasan fat fiol fjäder fjäll flagga flod
flöjt fluga fors fyr fågel fält får fönster gaffel galler gardin gata
gran grind grotta gryta gräs gurka gädda hammare hamn hare hatt havre
hav hjort hink holme honung horisont hylla hägg häst hö höstack igelkott
is jordgubbe julgran kaffe kajak kamin kanel kanot kartong kastrull
katt kittel klippa klocka klöver knapp kniv kobbe kompass korg kork
kran kråka kudde kulle kvarn kyrka källa kärra lagun lampa land lanterna
lax lera lin ljus lodjur lokomotiv lykta lärk lök madrass mandel mantel
marknad mask mast myra mossa mur mus måne mössa nål nyckel näckros
näktergal oliv orgel orm ost oxe paddel palett pelare penna peppar pilbåge
plank plommon pump pärla päron radio ram regn ren ripa ro rock rosett
rosmarin ruta rutan räv råg saffran sand sax segel sill sjö skalbagge
skata skog skrin skruv skål skärgård slott sluss smör snäcka snö sol
soppa spade spegel spis staket stege stjärna strand stuga sylt säl
tall tallrik tand tegel tekopp tistel tomte torn trappa träd trumma
tulpan tunnel tupp tvål uggla ull vagn valnöt vante varg vas vatten
veranda vete vik vinbär vindflöjel vass väg vägg åker ål ängel äng äpple
ö örn öken ankdamm armband bakelse ballong barnvagn bensin blyerts bokstav
brandbil brödrost buss citron dagbok diskho dragspel ekollon fikon
fiskebåt flygplan flytväst fotboll frimärke furu fällkniv gatlykta
gitarr glasögon gunga hallon handduk hängmatta isbit jacka jordglob
kaktus kalender kamera kanelbulle kastanj kikare knäck kofta kopparkittel
korsord kristall kryddburk kvitten lakrits lavendel linjal ljusstake
loppa lönn marsipan matsäck metspö mjölk moln morot motorbåt mynt
nyponros nattduksbord ostkaka paraply pepparkaka pingvin plånbok
potatis pussel rabarber regnbåge ryggsäck räkning saltkar semla
skidspår skottkärra skrivbord slalom smultron snögubbe solros spårvagn
stol sträcka strumpa stövel sugrör svamp tekanna termos tidning tröja
tumme tvättlina tårta urverk vattenkanna vinterjacka visselpipa
väckarklocka våffla ångbåt ärtsoppa ölkorv akterdäck almanacka
ambulans antenn apotek aprikos badkar bagge bandspelare barkbåt
bergsbana bibliotek bikupa bjällra blixt blåsippa bokmärke bondgård
brasa brevbärare bryggeri bänkrad cirkus dammsugare diamant domkyrka
dragkedja dunke duva ekbacke elefantunge fiskmås fjärd flaggstång
flätning fotogen fruktskål fyrverkeri fågelholk galosch gatsten
gjutjärn glasburk gravsten grönsak gungstol hattask havsörn
hjortron hönshus isflak jordkällare kabel kaffekopp kalkon kantarell
kappsäck karusell kassaskåp kavaj kikärta klätterros knappnål
kolibri korgstol kringla krokus kronhjort kvast kyrkklocka lantbruk
lejon lingon ljung loge lusthus läkare länstol mandolin marmor
midsommar mjölnare mosse murgröna myrstack nattfjäril nejlika
nyckelpiga olja orangeri ostron pannkaka papegoja parasoll pilgrim
pinjong porslin postkontor prästkrage pärlemor ramsa rapsfält
regnrock renhorn rosenbuske rönnbär sadel salvia segelbåt silver
sjöbod skafferi skeppsklocka skorsten skridsko skärbräda slända
smedja snickare snödroppe solur sparris spinnrock staffli stenmur
stjärnfall strandråg stugknut sylvass syrén sädesärla tallkotte
tapet teater timmer tjäder tornfalk trädgård trollslända tändsticka
upptäckt utsikt vagnshjul vallmo vedbod vetekorn vildros vinranka
vitsippa väderkvarn vårflod zebra åkervinda ängsull ärtskida ökensand
"""

WORDS: tuple[str, ...] = tuple(dict.fromkeys(_WORD_TEXT.split()))


def new_phrase(words: int = WORDS_IN_PHRASE) -> str:
    return " ".join(secrets.choice(WORDS) for _ in range(words))


def normalise(typed: str) -> str:
    """What a source typed, as it was given: lower case, one space between the words.

    A phrase written down with hyphens, line breaks or capitals still works.
    """
    return " ".join(re.split(r"[\s\-_.,;:]+", typed.strip().lower())).strip()


def looks_like_phrase(typed: str) -> bool:
    return len(normalise(typed).split()) == WORDS_IN_PHRASE
