verb "@program" any any any rxd
/* @program <object>:<verb>. Code arrives as lines after the command, and
   the server reads those itself: its intrinsic .program command. */
if (!(ref = player:verbref(argstr)))
  return;
endif
player:tell("To program ", argstr, ", type .program ", argstr, " on a line of its own, then the code, then a line with just a period.");
player:tell("Or set it in one go: ;set_verb_code(", ref[1], ", \"", ref[2], "\", {\"line 1\", \"line 2\"})");
