"""Widgets that draw plain data handed to them; they never compute mathematics."""
