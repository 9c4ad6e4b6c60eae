verb "eval" any any any rxd
/* ;<expression> prints its value; ;;<statements> runs them (return gives
   the value). Runs with your rights; `me` and `here` are bound. Errors
   raised inside come back as a traceback. */
set_task_perms(player);
env = ["me" -> player, "here" -> player.location];
if (argstr && argstr[1] == ";")
  r = eval(argstr[2..$], env);
else
  r = eval("return " + argstr + ";", env);
  if (!r[1])
    /* Not an expression: run it as statements, as typed. */
    r = eval(argstr, env);
  endif
endif
if (r[1])
  player:tell("=> ", toliteral(r[2]));
else
  for line in (r[2])
    player:tell(line);
  endfor
endif
