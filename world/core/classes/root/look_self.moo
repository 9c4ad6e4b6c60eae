verb "look_self" this none this rxd
/* What `look <object>` shows to player. */
desc = this.description;
if (!desc)
  desc = "You see nothing special.";
endif
for line in (typeof(desc) == LIST ? desc | {desc})
  player:tell(line);
endfor
