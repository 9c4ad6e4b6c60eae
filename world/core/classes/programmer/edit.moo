verb "@edit" any any any rxd
/* @edit <object>:<verb>: hands the verb to edit_verb, the verb an editor
   (the web client's, later) takes over. */
if (ref = player:verbref(argstr))
  player:edit_verb(@ref);
endif
