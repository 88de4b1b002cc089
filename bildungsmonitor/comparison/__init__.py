"""Kennzahlenvergleich: Vergleichsringe, Auswahlrunden, Basisset, Vergleichsset, Sitzungen.

One module per noun; the web layer and the demo build are thin shells over these services.
"""
