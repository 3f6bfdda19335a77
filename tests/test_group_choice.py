"""Answers to "which group?" as people write them (bot/group_choice.py)."""
from __future__ import annotations

import pytest

from bot.group_choice import choose

TWO = ["eastside", "westside"]


@pytest.mark.parametrize("answer, index", [
    ("eastside", 0), ("Eastside!", 0), ("eastside please 🙏", 0), ("east side", 0), ("East-Side", 0),
    ("westside pls", 1), ("in westside", 1),
    ("the first one", 0), ("first", 0), ("el primero", 0), ("la primera", 0), ("the last one", 1),
    ("2", 1), ("#2", 1), ("number 2", 1), ("el segundo", 1), ("the 2nd one", 1),
    ("eastsdie", 0), ("wetsside", 1), ("westisde", 1), ("east", 0),
])
def test_the_group_meant(answer, index):
    assert choose(answer, TWO) == index


@pytest.mark.parametrize("answer", [
    "both", "north", "3", "eastside or westside", "hmm not sure", "i need groceries tuesday", "", "🙏",
])
def test_no_group_or_two(answer):
    assert choose(answer, TWO) is None


def test_a_name_inside_a_longer_name_is_that_name():
    names = ["eastside", "eastside youth", "westside"]
    assert choose("eastside youth please", names) == 1
    assert choose("East Side Youth", names) == 1
    assert choose("eastside", names) == 0


def test_spanish_names_and_typos():
    names = ["La Comunidad", "Barrio Norte"]
    assert choose("la comunidad", names) == 0
    assert choose("barrio nrte", names) == 1
    assert choose("el de barrio norte porfa", names) == 1
