verb "edit_verb" this none this rxd
/* edit_verb(object, verb name): open the verb in the web client's editor
   when this player's client has one (open_editor()); a telnet or plain
   client is told how to do it with @list and .program. Only the player
   (or a wizard) may open the player's editor. */
if (caller != this && !caller_perms().wizard)
  return E_PERM;
endif
{o, name} = args;
ref = tostr(o, ":", name);
if (open_editor(this, o, name))
  this:tell("Opening ", ref, " in the editor.");
else
  this:tell("Your client has no verb editor. Read the verb with @list ", ref, ", then replace it: type .program ", ref, " on a line of its own, then the new code, then a line with just a period.");
endif
