"""Swedish compound parts: the word list of the index's dictionary_decompounder.

Swedish writes compounds as one word (barnskyddsanmälan, föräldragrupp, boendestöd). At
indexing time the decompounder adds every listed word found inside a longer word, so a
search for "anmälan", "grupp" or "boende" finds the compounds. The list travels in the
index settings, so it works on any cluster; it holds the words of this field rather than
a whole dictionary, whose short entries would split words at random.
"""

COMPOUND_PARTS = " ".join(
    """
anmälan anmälning anstalt arbete arbets arbetare barn barnfamilj barnskydd bedömning
behandling besök boende bostad centrum center delaktighet eftervård elev familj familje
familjevård fosterfamilj föräldra förälder föräldrar föräldraskap förebyggande grupp
handledare handledning hälsa hälso hälsovård hembesök hjälp insats introduktion kamrat
klient kompetens kontakt kris kurator mentalvård missbruk mottagning möte mödra nätverk
omhändertagande placering plan praxis program psykolog rådgivning samarbete samtal
service skydd skol skola stöd säkerhet terapeut terapi tjänst trygghet ungdom utredning
utvärdering vård våld verksamhet vuxen
""".splitlines()
).split()
