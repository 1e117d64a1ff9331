"""Bounds that keep every parse small and fast, whatever is typed (it runs on each keystroke)."""

#: Longest text accepted, in characters.
MAX_LENGTH = 1000
#: Longest number literal, in characters: more digits than any measurement a student types.
MAX_NUMBER_LENGTH = 40
#: Deepest nesting of brackets, bars, exponents and function applications together.
MAX_NESTING = 60
#: Most decimal digits in the numerator or denominator of an exact number the parser builds.
MAX_DIGITS = 400
#: Largest absolute value of a constant the parser builds: beyond float64 (1.8e308), yet
#: small enough that sympy evaluates functions of it quickly (it stops towers like e^e^e^100).
MAX_MAGNITUDE_DIGITS = 330
#: Largest constant given to floor, ceil, sign or abs, whose value sympy decides exactly:
#: above 2^53 every float64 is an integer anyway, and sympy's exact floor of e^700 takes seconds.
MAX_STEP_ARGUMENT_DIGITS = 15
#: Most decimal digits in an integer that is raised to a fractional power: sympy factors it.
MAX_ROOT_BASE_DIGITS = 30
#: Most work (`build.work`: compound nodes handed to sympy's evaluating constructors, a
#: function application counting 2, plus what its slow paths cost) in one text, summed over all
#: its functions, |…|, powers and quotients. It bounds every parse within MAX_LENGTH to about
#: 30 ms of CPU with sympy's cache cleared (issue #14: it runs on each keystroke), the same on
#: every machine: 40 allows 5 nested |…|, 40 terms like sin(kx), 13 like e^(e^(x-k)-k), the
#: 60 nested √ of MAX_NESTING, and any |c·x+d|, which costs nothing (|x-1|+…+|x-138|: 14 ms).
MAX_WORK = 40
