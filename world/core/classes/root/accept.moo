verb "accept" this none this rxd
/* move() asks the destination first: plain objects hold nothing. */
return 0;
