verb "@list" any any any rxd
/* @list <object>:<verb>: the verb's code, with line numbers. */
if (!(ref = player:verbref(argstr)))
  return;
endif
{o, name} = ref;
set_task_perms(player);
try
  code = verb_code(o, name);
  info = verb_info(o, name);
  spec = verb_args(o, name);
except e (E_VERBNF, E_PERM)
  return player:tell(e[1] == E_PERM ? "You may not read that verb." | tostr(o.name, " (", o, ") has no verb ", name, "."));
endtry
player:tell(o, ":", toliteral(info[3]), " ", spec[1], " ", spec[2], " ", spec[3], "  (owner ", info[1], ", ", info[2], ")");
for i in [1..length(code)]
  player:tell($string_utils:right(i, 3), ":  ", code[i]);
endfor
if (!code)
  player:tell("(no code yet)");
endif
