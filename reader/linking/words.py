"""Kinds of capitalised word that are not names: everyday words, nationalities, titles, words of faith.

The unknown-name detector uses them to tell a name a reader would want
explained (`Rudolf Anderson`, `Pulaski`) from a word that is capitalised
only by house style, a heading or grammar (`Office`, `Affairs`, `Iraqi`,
`Almighty`), and to part a title from the name it is glued to
(`Lieutenant Commander Scott Speicher`).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def _common() -> frozenset[str]:
    # Read on first use only: the reader's first frame does not look for unknown names.
    text = files("reader.linking").joinpath("common_words.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


def bare(word: str) -> str:
    """A word without the full stop of an abbreviation or the possessive: `Jr.` is `Jr`, `Nation's` is `Nation`."""
    return word.rstrip(".").removesuffix("'s").removesuffix("’s")


def is_common(word: str) -> bool:
    """True when `word`, in lower case, is everyday English: every part of a hyphenated word counts.

    The list (`common_words.txt`, written by `scripts/common_words.py`) holds
    the words written in lower case in a public-domain novel and in the
    context's own summaries.
    """
    parts = bare(word).lower().split("-")
    common = _common()
    return all(part in common for part in parts)


#: Adjectives of nationality, region, creed and party: not names alone, but part of `European Union`.
ADJECTIVES = frozenset("""
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian Austrian Azerbaijani
Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian Burmese Cambodian Cameroonian
Canadian Chadian Chechen Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Czechoslovak Danish Dutch
Ecuadorian Egyptian English Eritrean Estonian Ethiopian Filipino Finnish French Georgian German Ghanaian Greek
Guatemalan Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian
Jamaican Japanese Jordanian Kazakh Kazakhstani Kenyan Korean Kosovar Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian
Libyan Lithuanian Luxembourgish Macedonian Malaysian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan
Mozambican Namibian Nepalese Nicaraguan Nigerian Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Persian
Peruvian Polish Portuguese Prussian Qatari Romanian Russian Rwandan Salvadoran Saudi Scottish Senegalese Serbian
Singaporean Slovak Slovakian Slovene Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik
Tanzanian Thai Tibetan Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni
Yugoslav Zambian Zimbabwean Soviet Tsarist Czarist Imperial Ottoman Habsburg Byzantine Roman Latin Anglo Sino Franco
Russo Indo Afro Euro Pan Slavic Slav Balkan Baltic Nordic Scandinavian Caucasian Siberian Crimean Bavarian Western
Eastern Northern Southern Central North South East West Euro-Atlantic Transatlantic Atlantic Pacific Arctic Asian
African European Arab Jewish Christian Catholic Protestant Orthodox Muslim Islamic Buddhist Hindu Sunni Shia Shiite
Communist Socialist Liberal Conservative Fascist Nazi Bolshevik Menshevik Marxist Leninist Stalinist Trotskyist
Maoist Republican Democratic Democrat Labour Tory Gaullist Federal National International Allied Diplomatic Free
Congressional Parliamentary Presidential Foreign Pole Poles
""".split())

#: Peoples: `Americans`, `Frenchmen`, `Stalinists` are not names to explain, any more than `American`.
PEOPLES = frozenset(
    {f"{adjective}s" for adjective in ADJECTIVES}
    | {f"{stem}{ending}" for stem in ("French", "English", "Dutch", "Irish", "Scots", "Welsh", "Country", "Congress",
                                      "States", "Chair", "Business", "Spokes")
       for ending in ("man", "men", "woman", "women")}
    | {"Russians", "Ukrainians", "Soviets", "Britons", "Czechs", "Swedes", "Finns", "Danes", "Turks", "Arabs",
       "Jews", "Serbs", "Croats", "Slovaks", "Kurds", "Uzbeks", "Kazakhs", "Tajiks", "Allies", "Independents",
       "Americas", "Westerners", "Easterners", "Europeans", "Asians", "Africans", "Latinos", "Hispanics"}
)

#: Titles, ranks and offices that stand before a name, and in the plural for several holders.
TITLES = frozenset(
    word + plural
    for word in """
Mr Mrs Ms Mme Dr Prof Sen Gen Adm Rep Gov Amb President Vice Prime Minister Chancellor Secretary Senator Congressman
Congresswoman Representative General Admiral Marshal Field Colonel Lieutenant Major Captain Commander Sergeant
Corporal Private Specialist Ensign Petty Officer Chief Master Staff Warrant Brigadier Commodore King Queen Prince
Princess Pope Ambassador Governor Sir Dame Lord Lady Premier Mayor Judge Justice Count Countess Baron Baroness Duke
Duchess Emperor Empress Tsar Czar Tsarina Kaiser Chairman Chairwoman Chair Comrade Chargé Saint St Assistant Deputy
Under Acting Associate Principal Special Counselor Counsellor Director Administrator Commissioner Envoy Consul
Attaché Minister-Designate Ambassador-Designate Speaker Leader Whip Spokesman Spokeswoman Father Brother Sister
Reverend Rabbi Cardinal Bishop Archbishop Patriarch Metropolitan Professor Doctor Mister Madam First Lady
Gentleman Delegate Commissar Plenipotentiary Extraordinary Executive Officer Head
""".split()
    for plural in ("", "s")
)

#: Words of faith and worship, capitalised by reverence, and feasts: not historical names to explain.
FAITH = frozenset("""
God Gods Almighty Creator Lord Heaven Heavens Providence Holiness Holy Biblical Bible Scripture Scriptures Gospel
Gospels Amen Christmas Easter Hanukkah Ramadan Passover Thanksgiving Him His Thee Thy Thou
""".split())
