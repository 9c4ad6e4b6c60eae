verb "look_self" this none this rxd
/* `look <direction>`: the exit's description, or else where it leads. */
if (this.description)
  return pass(@args);
endif
player:tell(valid(this.dest) ? tostr("The way ", this.name, " leads to ", this.dest.name, ".") | "That way leads nowhere.");
