verb "edit_verb" this none this rxd
/* edit_verb(object, verb name): open the verb in an editor. There is no
   editor yet, so say where verbs are edited meanwhile. */
{o, name} = args;
ref = tostr(o, ":", name);
this:tell("There is no verb editor here yet. Read the verb with @list ", ref, ", and replace it with .program ", ref, " (or ;set_verb_code()).");
