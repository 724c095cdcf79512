drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  word varchar(32) not null,
  primary key (id)
) engine=innodb;

create trigger gh_ost_test_upper before insert on gh_ost_test
  for each row set new.word = upper(new.word);

insert into gh_ost_test (word) values ('alpha'), ('beta');
