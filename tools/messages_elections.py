"""French and Spanish for the Council elections' pages and briefing: msgid → (French, Spanish)."""

from __future__ import annotations

TRANSLATIONS: dict[str, tuple[str, str]] = {
    "African States": ("États d’Afrique", "Estados de África"),
    "Asia-Pacific States": ("États d’Asie et du Pacifique", "Estados de Asia y el Pacífico"),
    "Eastern European States": ("États d’Europe orientale", "Estados de Europa Oriental"),
    "Latin American and Caribbean States": (
        "États d’Amérique latine et des Caraïbes",
        "Estados de América Latina y el Caribe",
    ),
    "Western European and other States": (
        "États d’Europe occidentale et autres États",
        "Estados de Europa Occidental y otros Estados",
    ),
    "elected": ("élu", "elegido"),
    "not elected": ("non élu", "no elegido"),
    "withdrawn": ("retirée", "retirada"),
    "closed slate": ("liste fermée", "lista cerrada"),
    "competitive": ("concurrentielle", "competitiva"),
    "not all candidates known": ("candidats pas tous connus", "no se conocen todos los candidatos"),
    "on time": ("à temps", "a tiempo"),
    "late": ("tardive", "tardía"),
    "after the vote": ("après le vote", "después de la votación"),
    "date unknown": ("date inconnue", "fecha desconocida"),
    "none recorded": ("aucune enregistrée", "ninguna registrada"),
    "Candidates minus seats per regional group (0: closed slate)": (
        "Candidats moins sièges par groupe régional (0 : liste fermée)",
        "Candidatos menos puestos por grupo regional (0: lista cerrada)",
    ),
    "more candidates than seats": ("plus de candidats que de sièges", "más candidatos que puestos"),
    "Human Rights Council election {year}: briefing": (
        "Élection au Conseil des droits de l’homme {year} : note d’information",
        "Elección al Consejo de Derechos Humanos {year}: nota informativa",
    ),
    "General Assembly, {day}: {seats} seats": (
        "Assemblée générale, {day} : {seats} sièges",
        "Asamblea General, {day}: {seats} puestos",
    ),
    "Seats and candidates": ("Sièges et candidats", "Puestos y candidatos"),
    "{closed} of {groups} regional groups presented closed slates: as many candidates as seats.": (
        "{closed} groupes régionaux sur {groups} ont présenté des listes fermées : "
        "autant de candidats que de sièges.",
        "{closed} de {groups} grupos regionales presentaron listas cerradas: tantos candidatos como puestos.",
    ),
    "GA resolution 60/251 asks members to take into account the candidates' contribution to human rights "
    "and their voluntary pledges; a closed slate leaves no choice.": (
        "La résolution 60/251 de l’Assemblée générale demande aux membres de tenir compte de la "
        "contribution des candidats aux droits de l’homme et de leurs engagements volontaires ; une liste "
        "fermée ne laisse aucun choix.",
        "La resolución 60/251 de la Asamblea General pide a los miembros que tengan en cuenta la "
        "contribución de los candidatos a los derechos humanos y sus promesas voluntarias; una lista "
        "cerrada no deja elección.",
    ),
    "Seats": ("Sièges", "Puestos"),
    "Candidates": ("Candidats", "Candidatos"),
    "Slate": ("Liste", "Lista"),
    "Withdrawn": ("Retraits", "Retiradas"),
    "Margin (votes)": ("Écart (voix)", "Margen (votos)"),
    "Competitiveness since 2006": ("Concurrence depuis 2006", "Competencia desde 2006"),
    "Candidates and votes": ("Candidats et voix", "Candidatos y votos"),
    "Votes per round as the sources give them; a dash where no count was found.": (
        "Voix par tour telles que les sources les donnent ; un tiret quand aucun décompte n’a été trouvé.",
        "Votos por ronda tal como los dan las fuentes; un guion cuando no se encontró el recuento.",
    ),
    "Votes": ("Voix", "Votos"),
    "Outcome": ("Résultat", "Resultado"),
    "Voluntary pledges": ("Engagements volontaires", "Promesas voluntarias"),
    "A pledge published fewer than {days} days before the vote is marked late.": (
        "Un engagement publié moins de {days} jours avant le vote est signalé comme tardif.",
        "Una promesa publicada menos de {days} días antes de la votación se marca como tardía.",
    ),
    "Candidate": ("Candidat", "Candidato"),
    "Pledges document": ("Document d’engagements", "Documento de promesas"),
    "Days before the vote": ("Jours avant le vote", "Días antes de la votación"),
    "Timeliness": ("Délai", "Puntualidad"),
    "Pledging events": ("Réunions de présentation des engagements", "Actos de presentación de promesas"),
    "Candidates' records": ("Bilan des candidats", "Historial de los candidatos"),
    "From RightsTrack's own data: the candidate's latest Universal Periodic Review before the election, "
    "the recommendations it received and accepted, those on cooperation with special procedures and treaty "
    "bodies it accepted, the voluntary pledges it made at its reviews, and its earlier Council terms. "
    "These are facts, not a verdict.": (
        "D’après les données de RightsTrack : le dernier Examen périodique universel du candidat avant "
        "l’élection, les recommandations reçues et acceptées, celles sur la coopération avec les procédures "
        "spéciales et les organes conventionnels qu’il a acceptées, les engagements volontaires pris lors de "
        "ses examens et ses mandats antérieurs au Conseil. Ce sont des faits, non un jugement.",
        "Según los datos de RightsTrack: el último Examen Periódico Universal del candidato antes de la "
        "elección, las recomendaciones recibidas y aceptadas, las relativas a la cooperación con los "
        "procedimientos especiales y los órganos de tratados que aceptó, las promesas voluntarias hechas en "
        "sus exámenes y sus mandatos anteriores en el Consejo. Son hechos, no un veredicto.",
    ),
    "Latest review": ("Dernier examen", "Último examen"),
    "Cooperation accepted": ("Coopération acceptée", "Cooperación aceptada"),
    "UPR pledges": ("Engagements à l’EPU", "Promesas en el EPU"),
    "Council terms": ("Mandats au Conseil", "Mandatos en el Consejo"),
    "made by Council members": ("faites par des membres du Conseil", "formuladas por miembros del Consejo"),
    "made by non-members": ("faites par des non-membres", "formuladas por no miembros"),
    "received by Council members": (
        "reçues par des membres du Conseil",
        "recibidas por miembros del Consejo",
    ),
    "received by non-members": ("reçues par des non-membres", "recibidas por no miembros"),
    "pledge recorded": ("engagement enregistré", "promesa registrada"),
    "pledge removed": ("engagement retiré", "promesa retirada"),
    "participation recorded": ("participation enregistrée", "participación registrada"),
    "Council elections": ("Élections au Conseil", "Elecciones al Consejo"),
    "candidate in the {year} election": (
        "candidat à l’élection de {year}",
        "candidato en la elección de {year}",
    ),
    "The whole election": ("Toute l’élection", "Toda la elección"),
    "Session {session} ({year}), cycle {cycle}": (
        "Session {session} ({year}), cycle {cycle}",
        "Período de sesiones {session} ({year}), ciclo {cycle}",
    ),
    "{received} recommendations received, {accepted} accepted, {noted} noted": (
        "{received} recommandations reçues, {accepted} acceptées, {noted} notées",
        "{received} recomendaciones recibidas, {accepted} aceptadas, {noted} anotadas",
    ),
    "On cooperation with special procedures and treaty bodies": (
        "Sur la coopération avec les procédures spéciales et les organes conventionnels",
        "Sobre la cooperación con los procedimientos especiales y los órganos de tratados",
    ),
    "No review before this election in RightsTrack's data.": (
        "Aucun examen avant cette élection dans les données de RightsTrack.",
        "Ningún examen antes de esta elección en los datos de RightsTrack.",
    ),
    "Voluntary pledges at its reviews": (
        "Engagements volontaires lors de ses examens",
        "Promesas voluntarias en sus exámenes",
    ),
    "Council terms before this election": (
        "Mandats au Conseil avant cette élection",
        "Mandatos en el Consejo antes de esta elección",
    ),
    "none": ("aucun", "ninguno"),
    "Consecutive terms up to the election: {n}": (
        "Mandats consécutifs jusqu’à l’élection : {n}",
        "Mandatos consecutivos hasta la elección: {n}",
    ),
    "Human Rights Council elections": (
        "Élections au Conseil des droits de l’homme",
        "Elecciones al Consejo de Derechos Humanos",
    ),
    "Every election of the Council's members by the General Assembly since 2006: seats and candidates per "
    "regional group, votes where the sources give them, and the sources themselves.": (
        "Chaque élection des membres du Conseil par l’Assemblée générale depuis 2006 : sièges et candidats "
        "par groupe régional, voix quand les sources les donnent, et les sources elles-mêmes.",
        "Cada elección de los miembros del Consejo por la Asamblea General desde 2006: puestos y candidatos "
        "por grupo regional, votos cuando las fuentes los dan, y las propias fuentes.",
    ),
    "Members on any day": ("Membres à une date donnée", "Miembros en cualquier fecha"),
    "JSON": ("JSON", "JSON"),
    "A number above 0 means more candidates than seats; “?” means the sources do not establish every "
    "candidate.": (
        "Un nombre supérieur à 0 signifie plus de candidats que de sièges ; « ? » signifie que les sources "
        "n’établissent pas tous les candidats.",
        "Un número mayor que 0 significa más candidatos que puestos; «?» significa que las fuentes no "
        "establecen todos los candidatos.",
    ),
    "Elections by year": ("Élections par année", "Elecciones por año"),
    "Closed slates per regional group": (
        "Listes fermées par groupe régional",
        "Listas cerradas por grupo regional",
    ),
    "Share closed (of known)": ("Part fermée (des connues)", "Proporción cerrada (de las conocidas)"),
    "Council membership and the UPR": ("Appartenance au Conseil et EPU", "Pertenencia al Consejo y EPU"),
    "Recommendations in RightsTrack, by whether the recommending state, or the state under review, sat on "
    "the Council when the review took place.": (
        "Recommandations de RightsTrack, selon que l’État recommandant, ou l’État examiné, siégeait au "
        "Conseil au moment de l’examen.",
        "Recomendaciones de RightsTrack, según si el Estado recomendante, o el Estado examinado, formaba "
        "parte del Consejo cuando se celebró el examen.",
    ),
    "Council members": ("Membres du Conseil", "Miembros del Consejo"),
    "Members of the Human Rights Council on {day}": (
        "Membres du Conseil des droits de l’homme le {day}",
        "Miembros del Consejo de Derechos Humanos el {day}",
    ),
    "Show": ("Afficher", "Mostrar"),
    "{n} members": ("{n} membres", "{n} miembros"),
    "one seat vacant": ("un siège vacant", "un puesto vacante"),
    "rights of membership suspended": ("droits de membre suspendus", "derechos de miembro suspendidos"),
    "Human Rights Council election {year}": (
        "Élection au Conseil des droits de l’homme {year}",
        "Elección al Consejo de Derechos Humanos {year}",
    ),
    "Briefing": ("Note d’information", "Nota informativa"),
    "by-election": ("élection partielle", "elección parcial"),
    "{seats} seats, {candidates} candidates": (
        "{seats} sièges, {candidates} candidats",
        "{seats} puestos, {candidates} candidatos",
    ),
    "margin between the last elected and the first defeated: {votes} votes": (
        "écart entre le dernier élu et le premier battu : {votes} voix",
        "margen entre el último elegido y el primer derrotado: {votes} votos",
    ),
    "Round {n}": ("Tour {n}", "Ronda {n}"),
    "Record a pledges document": (
        "Enregistrer un document d’engagements",
        "Registrar un documento de promesas",
    ),
    "Document symbol": ("Cote du document", "Signatura del documento"),
    "Address": ("Adresse", "Dirección"),
    "Note": ("Note", "Nota"),
    "Record participation in a pledging event": (
        "Enregistrer la participation à une réunion de présentation",
        "Registrar la participación en un acto de presentación",
    ),
    "Place": ("Lieu", "Lugar"),
    "Organisers": ("Organisateurs", "Organizadores"),
    "Took part": ("A participé", "Participó"),
    "not a UN text": ("texte non onusien", "no es un texto de la ONU"),
    "made while a Council member": (
        "faites en tant que membre du Conseil",
        "formuladas siendo miembro del Consejo",
    ),
    "made while not a member": ("faites hors du Conseil", "formuladas sin ser miembro"),
    "Human Rights Council": ("Conseil des droits de l’homme", "Consejo de Derechos Humanos"),
    "elected in {year}": ("élu en {year}", "elegido en {year}"),
    "Not a member of the Council since 2006.": (
        "Pas membre du Conseil depuis 2006.",
        "No ha sido miembro del Consejo desde 2006.",
    ),
    "Recommending state on the Council": (
        "État recommandant membre du Conseil",
        "Estado recomendante en el Consejo",
    ),
    "SuR on the Council": ("État examiné membre du Conseil", "Estado examinado en el Consejo"),
    "Council member": ("membre du Conseil", "miembro del Consejo"),
    "not a member": ("non membre", "no miembro"),
}
