verb "names_for" this none this rxd
/* Parse @dig's exit spec "<exit>[,<aliases>][|<exit back>[,<aliases>]]"
   into {names out, names back}. A usual direction gets its short alias,
   and, when no way back is given, its opposite: "north" gives
   {{"north", "n"}, {"south", "s"}}. */
{spec} = args;
bar = index(spec, "|");
out = $string_utils:split_names(bar ? spec[1..bar - 1] | spec);
back = bar ? $string_utils:split_names(spec[bar + 1..$]) | {};
if (out && maphaskey(this.directions, out[1]))
  {short, opposite} = this.directions[out[1]];
  out = setadd(out, short);
  if (!bar)
    back = {opposite, this.directions[opposite][1]};
  endif
endif
return {out, back};
