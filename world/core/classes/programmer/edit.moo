verb "@edit" any any any rxd
/* @edit <object>:<verb>: hands the verb to edit_verb, which opens the web
   client's editor or explains .program. */
if (ref = player:verbref(argstr))
  player:edit_verb(@ref);
endif
