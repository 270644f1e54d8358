"""The three baselines the issue asks ours to beat: most frequent, keyword rules, TF-IDF + linear SVM."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from rightstrack.classify.features import opening

# Keyword rules, written from the issue names and UPR Info's description of its action categories.
ISSUE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Asylum-seekers - refugees": ("asylum", "refugee"),
    "Death penalty": ("death penalty", "capital punishment", "moratorium"),
    "Detention": ("detention", "prison", "detainee"),
    "Disabilities": ("disabilit",),
    "Elections": ("election", "electoral", "vote", "voting"),
    "Enforced disappearances": ("disappearance",),
    "Environment": ("environment", "climate"),
    "Extrajudicial executions": ("extrajudicial", "summary execution"),
    "Freedom of association and peaceful assembly": ("association", "assembly"),
    "Freedom of movement": ("freedom of movement",),
    "Freedom of opinion and expression": ("expression", "opinion"),
    "Freedom of religion and belief": ("religion", "religious", "belief"),
    "Freedom of the press": ("journalist", "press", "media"),
    "HIV - Aids": ("hiv", "aids"),
    "Human rights defenders": ("defender",),
    "Human rights education and training": ("training", "human rights education", "awareness"),
    "Impunity": ("impunity",),
    "Indigenous peoples": ("indigenous",),
    "Internally displaced persons": ("internally displaced", "idps"),
    "International humanitarian law": ("humanitarian law",),
    "International instruments": ("ratif", "accede", "accession", "optional protocol", "convention"),
    "Justice": ("judicia", "justice", "court", "fair trial"),
    "Labour": ("labour", "labor", "employment", "worker"),
    "Migrants": ("migrant",),
    "Minorities": ("minorit", "roma"),
    "NHRI": ("national human rights institution", "paris principles", "ombudsman"),
    "National plan of action": ("plan of action", "action plan"),
    "Poverty": ("poverty",),
    "Racial discrimination": ("racial", "racism", "xenophob"),
    "Right to education": ("education", "school"),
    "Right to food": ("food",),
    "Right to health": ("health",),
    "Right to housing": ("housing",),
    "Right to water": ("water", "sanitation"),
    "Rights of the Child": ("child",),
    "Sexual Orientation and Gender Identity": ("sexual orientation", "gender identity", "lgbt"),
    "Special procedures": ("special procedure", "standing invitation", "special rapporteur"),
    "Technical assistance and cooperation": ("technical assistance", "cooperation"),
    "Torture and other CID treatment": ("torture", "degrading"),
    "Trafficking": ("trafficking",),
    "Treaty bodies": ("treaty bod", "committee"),
    "UPR process": ("universal periodic review", "upr"),
    "Women's rights": ("women", "gender", "girls"),
}
ACTION_OPENINGS: list[tuple[int, tuple[str, ...]]] = [
    (1, ("seek", "request", "share", "call upon", "appeal")),
    (2, ("continue", "maintain", "pursue", "persevere", "keep", "further", "sustain")),
    (3, ("consider", "envisage", "study", "explore", "examine", "reflect", "look into")),
    (5, ("ratify", "accede", "adopt", "abolish", "sign", "establish", "enact", "amend", "repeal", "withdraw",
         "criminalize", "criminalise", "extend a standing", "issue a standing", "become a party")),
]  # fmt: skip


class MostFrequent:
    def fit(self, issues: Sequence[frozenset[str]], actions: Sequence[int]) -> MostFrequent:
        self.issue = Counter(i for labels in issues for i in labels).most_common(1)[0][0]
        self.action = Counter(actions).most_common(1)[0][0]
        return self

    def issues(self, texts: Sequence[str]) -> list[frozenset[str]]:
        return [frozenset({self.issue}) for _ in texts]

    def actions(self, texts: Sequence[str]) -> list[int]:
        return [self.action for _ in texts]


def keyword_issues(text: str) -> frozenset[str]:
    folded = text.lower()
    found = {
        issue for issue, words in ISSUE_KEYWORDS.items() if any(re.search(rf"\b{w}", folded) for w in words)
    }
    return frozenset(found or {"General"})


def keyword_action(text: str) -> int:
    start = opening(text).split(" ", 1)[0].removeprefix("open1_")
    head = " ".join(re.findall(r"[a-z]+", text.lower())[:3])
    for category, words in ACTION_OPENINGS:
        if start in words or any(head.startswith(w) for w in words):
            return category
    return 4


class TfidfSvm:
    """Word 1–2-gram TF-IDF and one-vs-rest linear SVMs at their default threshold."""

    def fit(self, texts: Sequence[str], issues: Sequence[frozenset[str]], actions: Sequence[int]) -> TfidfSvm:
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        features = self.vectorizer.fit_transform(texts)
        self.labels = MultiLabelBinarizer()
        truth = self.labels.fit_transform([sorted(i) for i in issues])
        self.issue_model = OneVsRestClassifier(LinearSVC(C=1.0, random_state=0)).fit(features, truth)
        self.action_model = LinearSVC(C=1.0, random_state=0).fit(features, np.asarray(actions))
        return self

    def issues(self, texts: Sequence[str]) -> list[frozenset[str]]:
        predicted = self.issue_model.predict(self.vectorizer.transform(texts))
        return [frozenset(self.labels.classes_[np.flatnonzero(row)]) for row in predicted]

    def actions(self, texts: Sequence[str]) -> list[int]:
        return [int(a) for a in self.action_model.predict(self.vectorizer.transform(texts))]
