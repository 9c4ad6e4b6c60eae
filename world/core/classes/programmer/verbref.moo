verb "verbref" this none this rxd
/* "<object>:<verb>" -> {object, verb name}, or 0 after telling this player why not. */
{text} = args;
if (!(m = match(text, "^%([^:]+%):%(.+%)$")))
  this:tell("Expected <object>:<verb>, as in here:look or #12:describe.");
  return 0;
endif
o = this:find(substitute("%1", m));
return valid(o) ? {o, substitute("%2", m)} | 0;
