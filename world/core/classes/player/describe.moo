verb "@describe" any as any rxd
/* @describe <object> as <text>: what `look` shows of something you own. */
if (!dobjstr)
  return player:tell("Usage: @describe <object> as <description>");
endif
o = player:find(dobjstr);
if (!valid(o))
  return;
elseif (!player:controls(o))
  return player:tell("You can only describe what you own.");
endif
/* The text as typed: iobjstr would lose quotes and runs of spaces. */
i = index(argstr, " " + prepstr + " ");
o.description = i ? argstr[i + length(prepstr) + 2..$] | iobjstr;
player:tell("Description of ", o.name, " set.");
